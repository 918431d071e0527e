using CsCheck;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;

namespace Dynamics.Tests.Core.Models;

public class ModelJacobianTests
{
    public static TheoryData<string> Models() => [.. Catalogue.Keys];

    private static readonly Dictionary<string, IJacobianField> Catalogue = new()
    {
        ["pendulum"] = new DampedPendulum(),
        ["van der pol"] = new VanDerPol() with { Mu = 2.5 },
        ["lotka-volterra"] = new LotkaVolterra(),
        ["lorenz"] = new Lorenz(),
        ["harmonic"] = new HarmonicOscillator(1.7),
        ["decay"] = new ExponentialDecay(0.3),
        ["kepler"] = new Kepler(),
        ["duffing"] = new Duffing(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Analytic_Jacobians_match_central_differences(string name)
    {
        var field = Catalogue[name];
        int n = field.Dimension;
        var numeric = new FiniteDifferenceOnly(field);
        Gen.Double[0.3, 3].Array[n].Sample(y =>
        {
            var exact = Jacobian.At(field, 0.5, y);
            var approximate = Jacobian.At(numeric, 0.5, y);
            // Central differences are accurate to about ε^{2/3} ≈ 4e-11 relative to the entries' scale (≤ 10² here).
            return (exact - approximate).Enumerate().All(d => Math.Abs(d) < 1e-7);
        }, iter: 50);
    }

    /// <summary>Hides the analytic Jacobian so <see cref="Jacobian.At"/> differences the field.</summary>
    private sealed class FiniteDifferenceOnly(IVectorField inner) : IVectorField
    {
        public int Dimension => inner.Dimension;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => inner.Evaluate(t, y, dydt);
    }
}
