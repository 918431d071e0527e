using CsCheck;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Simd;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Fields;

/// <summary>
/// Jacobians by forward-mode automatic differentiation (the models' one formula on dual numbers), which is what the
/// models' <c>IJacobianField.Jacobian</c> returns, against closed forms and against central differences.
/// </summary>
public class AutomaticJacobianTests
{
    public static TheoryData<string> Models() => ["pendulum", "van der pol", "lotka-volterra", "lorenz", "harmonic", "decay", "kepler", "duffing"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Automatic_Jacobians_match_the_closed_forms_to_round_off(string name)
    {
        // The closed forms of ∂f/∂y, row-major, written from each model's equations (docs/classical.md).
        double worst = name switch
        {
            "pendulum" => WorstError(new DampedPendulum(0.3, 2.0), (m, y) => [0, 1, -m.GravityOverLength * Math.Cos(y[0]), -m.Damping]),
            "van der pol" => WorstError(new VanDerPol(2.5), (m, y) => [0, 1, -2 * m.Mu * y[0] * y[1] - 1, m.Mu * (1 - y[0] * y[0])]),
            "lotka-volterra" => WorstError(new LotkaVolterra(),
                (m, y) => [m.Alpha - m.Beta * y[1], -m.Beta * y[0], m.Delta * y[1], m.Delta * y[0] - m.Gamma]),
            "lorenz" => WorstError(new Lorenz(10, 28, 8.0 / 3),
                (m, y) => [-m.Sigma, m.Sigma, 0, m.Rho - y[2], -1, -y[0], y[1], y[0], -m.Beta]),
            "harmonic" => WorstError(new HarmonicOscillator(1.7), (m, y) => [0, 1, -m.Omega * m.Omega, 0]),
            "decay" => WorstError(new ExponentialDecay(0.3), (m, y) => [-m.Rate]),
            "kepler" => WorstError(new Kepler(), (m, y) =>
            {
                // The force gradient ∂(−q/|q|³)/∂q = −I/|q|³ + 3qqᵀ/|q|⁵ in the lower-left block.
                double r2 = y[0] * y[0] + y[1] * y[1], r3 = r2 * Math.Sqrt(r2), r5 = r3 * r2;
                return [0, 0, 1, 0, 0, 0, 0, 1, -1 / r3 + 3 * y[0] * y[0] / r5, 3 * y[0] * y[1] / r5, 0, 0, 3 * y[0] * y[1] / r5, -1 / r3 + 3 * y[1] * y[1] / r5, 0, 0];
            }),
            "duffing" => WorstError(new Duffing(), (m, y) => [0, 1, -m.Stiffness - 3 * m.Nonlinearity * y[0] * y[0], -m.Damping]),
            _ => throw new ArgumentException($"Unknown model '{name}'.", nameof(name)),
        };
        // Both are exact derivatives evaluated in floating point; they differ only by the order of roundings, a few ulps
        // of entries that are at most ~10² here.
        Assert.True(worst <= 1e-13, $"{name}: largest difference {worst:e2}");
    }

    [Fact]
    public void Automatic_Jacobian_of_a_model_without_a_closed_form_matches_central_differences()
    {
        // Arenstorf's restricted three-body field has no analytic Jacobian in the library: AD is what analysis gets.
        var model = new Arenstorf(0.012277471);
        var numeric = new DelegateJacobianless(model);
        Gen.Double[0.3, 0.9].Array[4].Sample(y =>
        {
            var automatic = new double[16];
            LaneField.Jacobian(model, 0, y, automatic);
            var approximate = Jacobian.At(numeric, 0, y);
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    // Central differences: error ~ ε^{2/3}·scale, scale ≲ 10² near the primaries here.
                    if (Math.Abs(automatic[i * 4 + j] - approximate[i, j]) > 1e-6 * Math.Max(1, Math.Abs(automatic[i * 4 + j]))) return false;
                }
            }

            return true;
        }, iter: 50);
    }

    [Fact]
    public void Dual_numbers_carry_the_chain_rule()
    {
        // d/dx [sin(x)·√x / (x² + 1) − x] at x = 0.7, against the closed form.
        double x = 0.7;
        var d = new DualNumber(x, 1.0);
        var f = DualNumber.Sin(d) * DualNumber.Sqrt(d) / DualNumber.MultiplyAdd(d, d, DualNumber.Create(1.0)) - d;
        double g = Math.Sin(x) * Math.Sqrt(x), h = x * x + 1;
        double dg = Math.Cos(x) * Math.Sqrt(x) + Math.Sin(x) / (2 * Math.Sqrt(x));
        double expected = (dg * h - g * 2 * x) / (h * h) - 1;
        Assert.Equal(g / h - x, f.Value, 1e-15);
        Assert.Equal(expected, f.Derivative, 1e-14);
    }

    [Fact]
    public void Bad_lengths_are_rejected_naming_the_span()
    {
        var model = new Lorenz();
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => LaneField.Jacobian(model, 0, new double[2], new double[9])).ParamName);
        var error = Assert.Throws<ArgumentException>(() => LaneField.Jacobian(model, 0, new double[3], new double[8]));
        Assert.Equal("jacobian", error.ParamName);
        Assert.Contains("8", error.Message);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => LaneField.WriteParameters(model, new double[3])).ParamName);
    }

    [Fact]
    public void Parameters_are_recorded_from_the_formula_in_index_order()
    {
        Span<double> parameters = stackalloc double[LaneField.MaxParameters];
        Assert.Equal(4, LaneField.WriteParameters(new LotkaVolterra(1.5, 0.5, 2.5, 0.25), parameters));
        Assert.Equal([1.5, 0.5, 2.5, 0.25], parameters[..4].ToArray());
        Assert.Equal(0, LaneField.ParameterCount(new Kepler()));
    }

    [Fact]
    public void Recording_parameters_allocates_nothing_even_after_a_collection()
    {
        // A lane loads every member's parameters this way; a collection frees the type's reflection cache, and reading the
        // field's type name for the error message up front re-allocated it (208 B) on the next member after every GC.
        var model = new LotkaVolterra(1.5, 0.5, 2.5, 0.25);
        var parameters = new double[LaneField.MaxParameters];
        LaneField.WriteParameters(model, parameters);
        Assert.Equal(0, Allocations.DuringAfterCollection(() => LaneField.WriteParameters(model, parameters)));
    }

    [Fact]
    public void Lane_views_and_parameter_lists_reject_what_does_not_fit()
    {
        // Three components of four lanes at stride 4 need 12 doubles.
        var error = Assert.Throws<ArgumentException>(() => new LaneVector<Lane256>(new double[10], 0, 4, 3));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("10", error.Message);
        _ = new LaneVector<Lane256>(new double[12], 0, 4, 3);
        var tooMany = Assert.Throws<ArgumentException>(() => LaneField.ParameterCount(new SeventeenParameters()));
        Assert.Equal("field", tooMany.ParamName);
        Assert.Contains("16", tooMany.Message);
    }

    /// <summary>A field whose formula reads parameter 16, one past <see cref="LaneField.MaxParameters"/>.</summary>
    private readonly struct SeventeenParameters : ILaneField
    {
        public int Dimension => 1;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

        public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
            where T : struct, IFieldNumber<T>
            where TParameters : IFieldParameters<T>, allows ref struct
            where TVector : struct, IFieldVector<T>, allows ref struct => dydt[0] = parameters.Read(16, 1.0) * y[0];
    }

    private static double WorstError<TField>(TField field, Func<TField, double[], double[]> closedForm) where TField : struct, ILaneField, IJacobianField
    {
        int n = field.Dimension;
        double worst = 0;
        var random = new Random(17);
        var y = new double[n];
        var automatic = new double[n * n];
        for (int sample = 0; sample < 50; sample++)
        {
            for (int j = 0; j < n; j++) y[j] = 0.3 + 2.7 * random.NextDouble();
            double[] exact = closedForm(field, y);
            field.Jacobian(0.5, y, automatic);
            for (int i = 0; i < n * n; i++) worst = Math.Max(worst, Math.Abs(exact[i] - automatic[i]) / Math.Max(1, Math.Abs(exact[i])));
        }

        return worst;
    }

    /// <summary>Hides everything but Evaluate, so <see cref="Jacobian.At"/> differences the field.</summary>
    private sealed class DelegateJacobianless(IVectorField inner) : IVectorField
    {
        public int Dimension => inner.Dimension;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => inner.Evaluate(t, y, dydt);
    }
}
