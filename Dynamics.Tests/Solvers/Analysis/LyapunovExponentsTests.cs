using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;

namespace Dynamics.Tests.Solvers.Analysis;

public class LyapunovExponentsTests
{
    private const double LorenzTrace = -(10 + 1 + 8.0 / 3);

    [Fact]
    public void Lorenz_spectrum_matches_the_literature_and_sums_to_the_trace()
    {
        var spectrum = LyapunovExponents.Compute(new Lorenz(), [1.0, 1.0, 1.0], new LyapunovOptions { TransientTime = 50, Time = 1000 });
        Assert.Equal(SolveStatus.Success, spectrum.Status);
        Assert.True(spectrum.AnalyticJacobian);
        Assert.Equal(3, spectrum.Exponents.Count);
        // λ₁ = 0.9056 (Sprott 2003). Over T = 1000 the estimate from 8 random starts spread with s.d. 0.0024 (0.9019 to
        // 0.9088): 0.01 is about four standard deviations. λ₂ = 0 exactly (the flow direction), same spread.
        Assert.Equal(0.9056, spectrum.Largest, 0.01);
        Assert.Equal(0.0, spectrum.Exponents[1], 0.01);
        // The sum is (1/T)∫∇·f dt = −(σ + 1 + β) for any T, up to the solver's error (rtol = atol = 1e-10; measured 4e-9).
        Assert.Equal(LorenzTrace, spectrum.Sum, 1e-7);
        Assert.Equal(4000, spectrum.Renormalisations);
        Assert.Equal(spectrum.Largest, spectrum.History(0)[^1]);
    }

    [Fact]
    public void Lorenz_by_central_differences_keeps_the_exact_sum()
    {
        // A delegate field has no Jacobian: J·v comes from central differences, exact for Lorenz's quadratic terms.
        var lorenz = new Lorenz();
        var field = VectorField.Create(3, (t, y, dydt) => lorenz.Evaluate(t, y, dydt));
        var spectrum = LyapunovExponents.Compute(field, [1.0, 1.0, 1.0], new LyapunovOptions { TransientTime = 20, Time = 100 });
        Assert.False(spectrum.AnalyticJacobian);
        // Measured 4e-9, as with the analytic Jacobian.
        Assert.Equal(LorenzTrace, spectrum.Sum, 1e-7);
        Assert.True(spectrum.Largest > 0.5, $"λ₁ = {spectrum.Largest} over T = 100 should be clearly positive (chaos).");
    }

    public static TheoryData<double[], double[]> LinearCases => new()
    {
        // Upper triangular: e^{At} is triangular, so with Q₀ = I every Rᵢᵢ is exactly e^{aᵢᵢΔ}: λ = (−1, −3) for any T.
        { [-1.0, 2.0, 0.0, -3.0], [-1.0, -3.0] },
        // Rotation with decay: eigenvalues −0.5 ± 2i, e^{At} = e^{−t/2}·rotation, so λ = (−0.5, −0.5) exactly.
        { [-0.5, 2.0, -2.0, -0.5], [-0.5, -0.5] },
        // Growth and decay along the axes.
        { [0.25, 0.0, 0.0, -2.0], [0.25, -2.0] },
    };

    [Theory]
    [MemberData(nameof(LinearCases))]
    public void Linear_systems_have_the_real_parts_of_their_eigenvalues(double[] matrix, double[] expected)
    {
        foreach (bool analytic in new[] { true, false })
        {
            var field = new Linear(matrix);
            var spectrum = analytic
                ? LyapunovExponents.Compute(field, [1.0, 1.0], new LyapunovOptions { Time = 20 })
                : LyapunovExponents.Compute(VectorField.Create(2, field.Evaluate), [1.0, 1.0], new LyapunovOptions { Time = 20 });
            Assert.Equal(analytic, spectrum.AnalyticJacobian);
            // Exact in exact arithmetic; the solver (rtol = atol = 1e-10) and, for differences, rounding leave ~1e-9.
            Assert.Equal(expected[0], spectrum.Exponents[0], 1e-7);
            Assert.Equal(expected[1], spectrum.Exponents[1], 1e-7);
        }
    }

    [Fact]
    public void A_general_linear_system_converges_to_its_eigenvalues_at_rate_one_over_T()
    {
        // A = [[0, 1], [−2, −3]]: eigenvalues −1 and −2 with eigenvectors (1, −1), (1, −2) (condition number κ ≈ 16).
        // The finite-time error is bounded by ln κ / T ≈ 2.8/T.
        var spectrum = LyapunovExponents.Compute(new Linear([0.0, 1.0, -2.0, -3.0]), [1.0, 0.0], new LyapunovOptions { Time = 200 });
        Assert.Equal(-1.0, spectrum.Exponents[0], 2.8 / 200);
        Assert.Equal(-2.0, spectrum.Exponents[1], 2.8 / 200);
        // The trace −3 is exact for any T.
        Assert.Equal(-3.0, spectrum.Sum, 1e-7);
    }

    [Fact]
    public void Harmonic_oscillator_has_two_zero_exponents()
    {
        // ω = 1: the flow is a rotation, so every Rᵢᵢ is exactly 1 and both exponents are 0 for any T.
        var unit = LyapunovExponents.Compute(new HarmonicOscillator(1.0), [1.0, 0.0], new LyapunovOptions { Time = 50 });
        Assert.Equal(0.0, unit.Exponents[0], 1e-8);
        Assert.Equal(0.0, unit.Exponents[1], 1e-8);
        // ω = 2: the flow is a rotation conjugated by diag(1, ω), so ‖Φ(T)‖ ≤ ω and |λᵢ(T)| ≤ ln ω / T, which → 0.
        var fast = LyapunovExponents.Compute(new HarmonicOscillator(2.0), [1.0, 0.0], new LyapunovOptions { Time = 50 });
        Assert.InRange(fast.Exponents[0], -Math.Log(2) / 50, Math.Log(2) / 50);
        Assert.InRange(fast.Exponents[1], -Math.Log(2) / 50, Math.Log(2) / 50);
        Assert.Equal(0.0, fast.Sum, 1e-8);
    }

    [Fact]
    public void Only_the_largest_can_be_asked_for()
    {
        var spectrum = LyapunovExponents.Compute(new Linear([0.25, 0.0, 0.0, -2.0]), [1.0, 1.0], new LyapunovOptions { Count = 1, Time = 10 });
        Assert.Single(spectrum.Exponents);
        Assert.Equal(0.25, spectrum.Largest, 1e-8);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        var lorenz = new Lorenz();
        Assert.Equal("Count", Assert.ThrowsAny<ArgumentException>(() => LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0], new LyapunovOptions { Count = 4 })).ParamName);
        Assert.Equal("Time", Assert.ThrowsAny<ArgumentException>(() => LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0], new LyapunovOptions { Time = double.NaN })).ParamName);
        Assert.Equal("RenormalisationInterval", Assert.ThrowsAny<ArgumentException>(() =>
            LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0], new LyapunovOptions { Time = 1, RenormalisationInterval = 2 })).ParamName);
        Assert.Equal("initialState", Assert.ThrowsAny<ArgumentException>(() => LyapunovExponents.Compute(lorenz, [1.0, 1.0])).ParamName);
        Assert.Equal("initialState", Assert.ThrowsAny<ArgumentException>(() => LyapunovExponents.Compute(lorenz, [1.0, double.NaN, 1.0])).ParamName);
        Assert.Equal("Method", Assert.ThrowsAny<ArgumentException>(() =>
            LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0], new LyapunovOptions { Method = new Dynamics.Solvers.RungeKutta.RungeKutta4() })).ParamName);
    }

    private sealed class Linear(double[] a) : IJacobianField
    {
        public int Dimension => 2;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = a[0] * y[0] + a[1] * y[1];
            dydt[1] = a[2] * y[0] + a[3] * y[1];
        }

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => a.CopyTo(jacobian);
    }
}
