using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Optimization.Losses;

/// <summary>
/// Each loss writes its gradient once, generic over the number type: the Hessians come from it by automatic
/// differentiation, and the flows built on it are lane fields (SIMD sweeps, exact Jacobians) with no second formula.
/// </summary>
public class LossFormulaTests
{
    // AD differentiates the gradient formula exactly; it and the closed forms below differ only by the order of their
    // roundings, a few ulps of entries up to ~10³ (Rosenbrock's 12bx² at |x| ≤ 2): 1e-13 relative to max(1, |entry|).
    private const double Rounding = 1e-13;

    public static TheoryData<string> Losses() => ["rosenbrock", "himmelblau", "beale", "quadratic", "polyak-quartic", "least-squares"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Automatic_Hessians_match_the_closed_forms(string name)
    {
        var random = new Random(5);
        for (int sample = 0; sample < 40; sample++)
        {
            double x = -2 + 4 * random.NextDouble(), y = -2 + 4 * random.NextDouble();
            var (automatic, closed) = name switch
            {
                "rosenbrock" => (Hessian(new RosenbrockLoss(1, 100), [x, y]),
                    new[] { 2 - 400 * y + 1200 * x * x, -400 * x, -400 * x, 200 }),
                "himmelblau" => (Hessian(new HimmelblauLoss(), [x, y]),
                    new[] { 4 * (x * x + y - 11) + 8 * x * x + 2, 4 * (x + y), 4 * (x + y), 2 + 4 * (x + y * y - 7) + 8 * y * y }),
                "beale" => (Hessian(new BealeLoss(), [x, y]), BealeHessian(x, y)),
                "quadratic" => (Hessian(new QuadraticLoss(new[,] { { 3.0, 1.0 }, { 1.0, 2.0 } }, [0.5, -1]), [x, y]), new[] { 3.0, 1, 1, 2 }),
                "polyak-quartic" => (Hessian(new PolyakQuarticLoss(0), [x]), new[] { PolyakQuarticLoss.SecondDerivative(x) }),
                _ => (Hessian(LeastSquares(), [x, y]), LeastSquaresHessian()),
            };
            for (int i = 0; i < closed.Length; i++)
                Assert.True(Math.Abs(automatic[i] - closed[i]) <= Rounding * Math.Max(1, Math.Abs(closed[i])), $"{name} at ({x}, {y}), entry {i}: {automatic[i]} vs {closed[i]}");
        }
    }

    [Fact]
    public void Hessian_vector_products_are_the_Hessian_times_the_vector()
    {
        var loss = new BealeLoss();
        double[] theta = [1.3, -0.4], v = [0.7, -2.1];
        var hessian = Hessian(loss, theta);
        var product = new double[2];
        LossGradient.HessianTimes(loss, theta, v, product);
        // Both are exact derivatives; one pass along v against the assembled matrix times v: a few ulps of ~10².
        Assert.Equal(hessian[0] * v[0] + hessian[1] * v[1], product[0], 1e-12);
        Assert.Equal(hessian[2] * v[0] + hessian[3] * v[1], product[1], 1e-12);
    }

    [Fact]
    public void A_gradient_flow_is_a_lane_field_whose_Jacobian_is_minus_the_Hessian()
    {
        var loss = new RosenbrockLoss(1, 100);
        double[] theta = [-0.7, 1.9];
        var jacobian = new double[4];
        LaneField.Jacobian(new GradientFlow<RosenbrockLoss>(loss), 0, theta, jacobian);
        var hessian = Hessian(loss, theta);
        // The same dual-number pass through the same formula, negated: equal to the bit.
        Assert.Equal(hessian.Select(h => -h).ToArray(), jacobian);
    }

    [Fact]
    public void A_flow_reads_its_own_parameters_first_then_its_loss_s()
    {
        Span<double> parameters = stackalloc double[LaneField.MaxParameters];
        int count = LaneField.WriteParameters(new HeavyBallFlow<RosenbrockLoss>(new RosenbrockLoss(1.5, 30), 0.8), parameters);
        Assert.Equal(3, count);
        Assert.Equal([0.8, 1.5, 30], parameters[..3].ToArray());
        Assert.Equal(1, LaneField.ParameterCount(new SignGradientFlow<HimmelblauLoss>(new HimmelblauLoss(), 1e-3)));
    }

    [Fact]
    public void A_friction_and_loss_sweep_of_the_heavy_ball_in_SIMD_lanes_ends_on_the_bits_of_each_lone_solve()
    {
        // Each member its own friction λ and Rosenbrock b: lanes read them through the one formula.
        const int count = 19;
        var sweep = new EnsembleProblem<HeavyBallFlow<RosenbrockLoss>>(count, m => OdeProblem.Create(
            new HeavyBallFlow<RosenbrockLoss>(new RosenbrockLoss(1, 20 + 5 * m), 0.5 + 0.1 * m), [-1.2, 1.0, 0, 0], 0, 10));
        LaneFormulaAssert.SimdLanesMatchLoneSolves(sweep);
    }

    private static double[] Hessian<TLoss>(TLoss loss, double[] theta) where TLoss : ILoss
    {
        var hessian = new double[theta.Length * theta.Length];
        LossGradient.Hessian(loss, theta, hessian);
        return hessian;
    }

    // ∇²L = 2Σₖ(∇rₖ∇rₖᵀ + rₖ∇²rₖ), rₖ = cₖ − x + xyᵏ, ∇rₖ = (yᵏ − 1, kxyᵏ⁻¹), ∇²rₖ = [[0, kyᵏ⁻¹], [kyᵏ⁻¹, k(k−1)xyᵏ⁻²]].
    private static double[] BealeHessian(double x, double y)
    {
        double[] c = [1.5, 2.25, 2.625];
        double hxx = 0, hxy = 0, hyy = 0;
        for (int k = 1; k <= 3; k++)
        {
            double r = c[k - 1] - x + x * Math.Pow(y, k), a = Math.Pow(y, k) - 1, b = k * x * Math.Pow(y, k - 1);
            hxx += 2 * a * a;
            hxy += 2 * (a * b + r * k * Math.Pow(y, k - 1));
            hyy += 2 * (b * b + r * k * (k - 1) * x * Math.Pow(y, Math.Max(k - 2, 0)) * (k >= 2 ? 1 : 0));
        }

        return [hxx, hxy, hxy, hyy];
    }

    private static LeastSquaresLoss LeastSquares() => new(new[,] { { 1.0, 2.0 }, { -0.5, 1.0 }, { 3.0, 0.25 } }, [1.0, -2.0, 0.5]);

    // ½‖Xw − y‖² has the constant Hessian XᵀX.
    private static double[] LeastSquaresHessian()
    {
        double[,] x = { { 1.0, 2.0 }, { -0.5, 1.0 }, { 3.0, 0.25 } };
        var h = new double[4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int k = 0; k < 2; k++) h[j * 2 + k] += x[i, j] * x[i, k];
            }
        }

        return h;
    }
}
