using System.Numerics;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Analysis;

public class AnalysisTests
{
    [Fact]
    public void Finite_difference_Jacobian_matches_the_analytic_Lorenz_Jacobian()
    {
        var lorenz = new Lorenz();
        double[] y = [1.5, -2.0, 20.0];
        var j = Jacobian.At(lorenz, 0, y);
        double[,] exact = { { -10, 10, 0 }, { 28 - 20.0, -1, -1.5 }, { -2.0, 1.5, -8.0 / 3 } };
        // Central differences with h = ε^{1/3}·max(1, |y|) are accurate to about ε^{2/3}·|f''|·scale ≈ 1e-8 here.
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++) Assert.Equal(exact[r, c], j[r, c], 1e-8);
    }

    [Fact]
    public void Analytic_Jacobian_is_used_when_the_field_provides_one()
    {
        var j = Jacobian.At(new MarkedJacobian(), 0, [1.0]);
        Assert.Equal(42.0, j[0, 0]);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Eigenvalues_of_a_damped_rotation_are_minus_lambda_plus_minus_i_sqrt(double lambda)
    {
        // φ̇ = −θ − 2λφ, θ̇ = φ (the zero-centred WGAN-GP Dirac GAN): eigenvalues −λ ± i√(1 − λ²).
        var field = VectorField.Create(2, (t, y, dy) => { dy[0] = -y[1] - 2 * lambda * y[0]; dy[1] = y[0]; });
        var stability = LinearStability.At(field, [0.0, 0.0]);
        double omega = Math.Sqrt(1 - lambda * lambda);
        Assert.Equal(-lambda, stability.Eigenvalues[0].Real, 1e-8);
        Assert.Equal(-omega, stability.Eigenvalues[0].Imaginary, 1e-8);
        Assert.Equal(omega, stability.Eigenvalues[1].Imaginary, 1e-8);
        Assert.Equal(-lambda, stability.SpectralAbscissa, 1e-8);
        for (int k = 0; k < 2; k++)
        {
            // J v = λ v for each complex eigenpair.
            var v = stability.Eigenvectors.Column(k);
            var jv = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(2, 2, (r, c) => stability.JacobianMatrix[r, c]) * v;
            for (int i = 0; i < 2; i++) Assert.True(Complex.Abs(jv[i] - stability.Eigenvalues[k] * v[i]) < 1e-8);
        }
    }

    [Fact]
    public void Invariant_drift_is_measured_along_a_solution()
    {
        var model = new LotkaVolterra();
        var conserved = new Invariant("V", (t, y) => model.Invariant(y));
        var solution = Ode.Solve(OdeProblem.Create(model, [2.0, 1.0], 0, 20), new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
        var drift = conserved.Measure(solution.Times, solution.States, 2);
        Assert.Equal(solution.Count, drift.Values.Count);
        Assert.InRange(drift.Violation, 1e-16, 1e-7);

        var pendulum = new DampedPendulum();
        var lyapunov = new Invariant("E", (t, y) => pendulum.Energy(y), InvariantKind.NonIncreasing);
        var wrongWay = new Invariant("E", (t, y) => pendulum.Energy(y), InvariantKind.NonDecreasing);
        var swing = Ode.Solve(OdeProblem.Create(pendulum, [2.0, 0.0], 0, 20), new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
        Assert.True(lyapunov.Measure(swing.Times, swing.States, 2).Violation < 1e-9);
        // Each step loses about b·ω²·h ≈ 0.25·1.6·0.04 of energy, so the per-step violation of "non-decreasing" is ≈ 1e-2.
        Assert.True(wrongWay.Measure(swing.Times, swing.States, 2).Violation > 1e-3);
    }

    private sealed class MarkedJacobian : IJacobianField
    {
        public int Dimension => 1;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = 0;

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = 42;
    }
}
