using Dynamics.Fields;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// Finite-difference Jacobians against the models' analytic ones, banded column grouping against dense differencing,
/// and the models' analytic Jacobians against central differences of their own right-hand sides.
/// </summary>
public class JacobianTests
{
    /// <summary>The semi-discrete heat equation u' = (u_{i−1} − 2u_i + u_{i+1})/Δx² + u_i(1 − u_i), tridiagonal Jacobian.</summary>
    private readonly record struct ReactionDiffusion(int Points) : IVectorField
    {
        public int Dimension => Points;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            double inverseSquare = (Points + 1.0) * (Points + 1.0);
            for (int i = 0; i < Points; i++)
            {
                double left = i > 0 ? y[i - 1] : 0, right = i < Points - 1 ? y[i + 1] : 0;
                dydt[i] = (left - 2 * y[i] + right) * inverseSquare + y[i] * (1 - y[i]);
            }
        }
    }

    public static TheoryData<string> Models => new() { "Robertson", "Oregonator", "Hires", "Pollution", "VanDerPol" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Analytic_jacobians_match_finite_differences(string name)
    {
        switch (name)
        {
            case "Robertson": Compare(new Robertson(), [0.7, 3e-5, 0.3]); break;
            case "Oregonator": Compare(new Oregonator(), [1.5, 800, 20]); break;
            case "Hires": Compare(new Hires(), [0.5, 0.1, 0.05, 0.2, 0.3, 0.4, 0.01, 0.005]); break;
            case "Pollution": Compare(new Pollution(), [.. Pollution.InitialState.Select((v, i) => v + 1e-3 * (i + 1))]); break;
            default: Compare(new ScaledVanDerPol(1e-3), [1.5, -0.7]); break;
        }
    }

    [Fact]
    public void Banded_grouping_reproduces_dense_differences_with_fewer_evaluations()
    {
        const int n = 50;
        var field = new ReactionDiffusion(n);
        var y = Enumerable.Range(0, n).Select(i => Math.Sin(Math.PI * (i + 1) / (n + 1))).ToArray();
        var f0 = new double[n];
        field.Evaluate(0, y, f0);
        var dense = new FiniteDifferenceJacobian<ReactionDiffusion>(field);
        var banded = new FiniteDifferenceJacobian<ReactionDiffusion>(field, JacobianOptions.Banded(1, 1));
        var denseJ = new double[n * n];
        var bandedJ = new double[n * n];
        dense.Evaluate(0, y, f0, denseJ);
        banded.Evaluate(0, y, f0, bandedJ);
        // Within the band each perturbed f sees exactly one perturbed neighbour, so the quotients are bit-identical.
        Assert.Equal(denseJ, bandedJ);
        Assert.Equal(n, dense.RhsEvaluations);
        Assert.Equal(3, banded.RhsEvaluations);
        Assert.Equal(-2 * (n + 1.0) * (n + 1.0) + 1 - 2 * y[10], bandedJ[10 * n + 10], 1e-4 * (n + 1.0) * (n + 1.0));
    }

    [Fact]
    public void A_banded_solve_agrees_with_a_dense_one()
    {
        const int n = 40;
        var field = new ReactionDiffusion(n);
        var y0 = Enumerable.Range(0, n).Select(i => Math.Sin(Math.PI * (i + 1) / (n + 1))).ToArray();
        var problem = OdeProblem.Create(field, y0, 0.0, 0.5);
        var options = new SolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End };
        var dense = Ode.Solve(problem, new Rodas4(), options);
        var banded = Ode.Solve(problem, new Rodas4 { Jacobian = JacobianOptions.Banded(1, 1) }, options);
        Assert.True(banded.IsSuccess, banded.Message);
        for (int i = 0; i < n; i++) Assert.Equal(dense.FinalState[i], banded.FinalState[i], 1e-9);
        Assert.True(banded.Statistics.RhsEvaluations < dense.Statistics.RhsEvaluations / 3,
            $"banded {banded.Statistics.RhsEvaluations} vs dense {dense.Statistics.RhsEvaluations} evaluations");
    }

    [Fact]
    public void Bad_bandwidths_and_typical_magnitudes_are_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => JacobianOptions.Banded(-1, 2));
        Assert.Contains("LowerBandwidth", error.Message);
        var one = Assert.Throws<ArgumentException>(() => new Rodas4 { Jacobian = new JacobianOptions { LowerBandwidth = 1 } }
            .CreateStepper(new Robertson()));
        Assert.Contains("both", one.Message);
        var jacobian = new FiniteDifferenceJacobian<Robertson>(new Robertson());
        Assert.Throws<ArgumentOutOfRangeException>(() => jacobian.SetTypicalMagnitudes([1.0, 0.0, 1.0]));
        Assert.Throws<ArgumentException>(() => jacobian.SetTypicalMagnitudes([1.0]));
    }

    private static void Compare<TField>(TField field, double[] y) where TField : IJacobianField
    {
        int n = field.Dimension;
        var analytic = new double[n * n];
        field.Jacobian(0, y, analytic);
        var f0 = new double[n];
        field.Evaluate(0, y, f0);
        var differenced = new double[n * n];
        new FiniteDifferenceJacobian<TField>(field).Evaluate(0, y, f0, differenced);
        double scale = analytic.Max(Math.Abs);
        // Forward differences are accurate to about √ε relative to the largest entry (truncation plus rounding).
        for (int k = 0; k < n * n; k++)
            Assert.True(Math.Abs(analytic[k] - differenced[k]) <= 1e-6 * scale, $"entry ({k / n}, {k % n}): analytic {analytic[k]}, differenced {differenced[k]}");
    }
}
