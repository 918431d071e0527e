using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Tests.Core.Models.Optimization.Flows;

public class SimSiamAndKernelTests
{
    [Theory]
    [InlineData(SimSiamGradient.StopGradient, -0.35, 1.0, 0.8062258)]
    [InlineData(SimSiamGradient.Full, 0.15, 0.6127017, 0.0)]
    [InlineData(SimSiamGradient.SecondTermOnly, 0.605, 0.605, 0.0)]
    public void SimSiam_toy_keeps_its_invariant_and_reaches_the_predicted_limit(SimSiamGradient gradient, double invariant, double phi, double theta)
    {
        var toy = new SimSiamToy(gradient);
        var solution = Ode.Solve(OdeProblem.Create(toy, [0.6, 0.1], 0, 300), new Verner8(), SolverOptions.WithTolerance(1e-12));
        var conserved = toy.Invariants[0];
        Assert.Equal(invariant, conserved.Function(0, [0.6, 0.1]), 1e-15);
        Assert.True(conserved.Measure(solution.Times, solution.States, 2).Violation < 1e-10);
        // The slowest approach is θ̇ ≈ −0.15θ (full gradient): e^{−45} after t = 300. Limits quoted to 7 decimals.
        Assert.Equal(phi, solution.FinalState[0], 5e-8);
        Assert.Equal(theta, solution.FinalState[1], 5e-8);
        var (limitPhi, limitTheta) = toy.Limit(0.6, 0.1);
        Assert.Equal(limitPhi, solution.FinalState[0], 1e-9);
        Assert.Equal(limitTheta, solution.FinalState[1], 1e-9);
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(2, 4)]
    public void Linear_model_gradient_flow_is_the_kernel_machine_closed_form(int samples, int dimension)
    {
        var random = new Random(7);
        var inputs = new double[samples, dimension];
        for (int i = 0; i < samples; i++)
            for (int j = 0; j < dimension; j++) inputs[i, j] = random.NextDouble() * 2 - 1;
        var targets = Enumerable.Range(0, samples).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var loss = new LeastSquaresLoss(inputs, targets);
        var kernel = new LinearModelKernel(loss);
        var w0 = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        var x = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray();

        var flow = new GradientFlow<LeastSquaresLoss>(loss);
        var solution = Ode.Solve(OdeProblem.Create(flow, w0, 0, 3), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End });
        var w = kernel.Weights(w0, 3);
        // Verner 8 at 1e-13 on a linear ODE with ‖K‖ ≲ 5: agreement to ~1e-11.
        for (int j = 0; j < dimension; j++) Assert.Equal(w[j], solution.FinalState[j], 1e-10);
        double prediction = x.Zip(solution.FinalState.ToArray()).Sum(p => p.First * p.Second);
        Assert.Equal(prediction, kernel.Predict(w0, x, 3), 1e-10);

        // docs/learning.md, "Tangent kernel": w(t) = w* + e^{−XᵀXt}(w₀ − w*) with w* a least-squares solution (the
        // pseudo-inverse one).
        var X = Matrix<double>.Build.DenseOfArray(inputs);
        var gram = X.TransposeThisAndMultiply(X);
        var wStar = X.PseudoInverse() * Vector<double>.Build.DenseOfArray(targets);
        var evd = gram.Evd(Symmetricity.Symmetric);
        var decay = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray([.. evd.EigenValues.Select(e => Math.Exp(-e.Real * 3))]) * evd.EigenVectors.Transpose();
        var closed = wStar + decay * (Vector<double>.Build.DenseOfArray(w0) - wStar);
        for (int j = 0; j < dimension; j++) Assert.Equal(closed[j], w[j], 1e-10);
    }
}
