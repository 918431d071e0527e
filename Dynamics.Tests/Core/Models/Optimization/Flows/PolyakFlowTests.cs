using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Optimization.Flows;

/// <summary>
/// The clipped Polyak flow on the lane contract: lanes with their own clip, optimum and loss parameters equal the scalar
/// flow to the bit (also where the clip acts and where ∇L = 0), an ensemble in SIMD lanes ends on the bits of each lone
/// solve, the automatic Jacobian equals central differences, and the unclipped flow obeys L − L* = (L₀ − L*)e^{−t}.
/// </summary>
public class PolyakFlowTests
{
    // (1, 1) is the minimiser of Rosenbrock with a = 1, where ∇L = 0 exactly; (0.98, 0.96) is near it, where
    // 1/‖∇L‖ ≈ 3 exceeds a clip of 0.5; the others lie far out on the valley's walls.
    private static readonly double[][] States = [[-1.2, 1.0], [1.0, 1.0], [0.98, 0.96], [0.4, -0.3], [2.0, 3.5]];

    private static readonly double[] Times = [0.0, 0.37, 2.5];

    private static PolyakFlow<RosenbrockLoss>[] Members() =>
    [
        new(new RosenbrockLoss(1.0, 5.0)),
        new(new RosenbrockLoss(0.5, 3.0), clip: 1000, optimalValue: -0.1),
        new(new RosenbrockLoss(1.0, 5.0), clip: 0.5),
        new(new RosenbrockLoss(2.0, 20.0), clip: 0.05, optimalValue: 0.25),
    ];

    [Fact]
    public void Lanes_with_their_own_clips_optima_and_losses_match_the_scalar_flow()
    {
        var members = Members();
        Assert.Equal(4, LaneField.ParameterCount(members[0]));
        // Every member at every state: cycle members and states with coprime periods (4 and 5) over two lane groups.
        for (int shift = 0; shift < States.Length; shift++)
            LaneFormulaAssert.LanesMatchScalar(members, Times, [.. States.Skip(shift), .. States.Take(shift)]);
        LaneFormulaAssert.LanesMatchScalar<PolyakFlow<PolyakQuarticLoss>>(
            [new(new PolyakQuarticLoss(), 1000), new(new PolyakQuarticLoss(0.5))], Times, [[4.0], [3.0], [PolyakQuarticLoss.LocalMaximizer], [0.1]]);
    }

    [Fact]
    public void The_field_keeps_its_clip_and_is_zero_where_the_gradient_vanishes()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        var f = new double[2];
        var g = new double[2];
        new PolyakFlow<RosenbrockLoss>(loss, clip: 0.5).Evaluate(0, [1.0, 1.0], f);
        Assert.Equal([0.0, 0.0], f);
        // Where the clip acts, θ̇ = −M(L − L*)∇L/‖∇L‖: its speed is exactly M(L − L*) up to rounding.
        double[] theta = [0.98, 0.96];
        loss.Gradient(theta, g);
        double norm = Math.Sqrt(g[0] * g[0] + g[1] * g[1]);
        Assert.True(1 / norm > 0.5, $"1/‖∇L‖ = {1 / norm} should exceed the clip");
        new PolyakFlow<RosenbrockLoss>(loss, clip: 0.5).Evaluate(0, theta, f);
        // Five roundings in the scale and one in each product, against three in the norm here: 1e-15 relative.
        Assert.Equal(0.5 * loss.Value(theta), Math.Sqrt(f[0] * f[0] + f[1] * f[1]), 1e-15 * loss.Value(theta));
        for (int i = 0; i < 2; i++) Assert.Equal(-0.5 * loss.Value(theta) * g[i] / norm, f[i], 1e-15 * loss.Value(theta));
    }

    [Fact]
    public void The_field_and_the_step_compute_the_Polyak_factor_of_their_definition_to_the_bit()
    {
        // The same double operations in the same order as the definition (‖g‖² summed term by term, min as −max(−a, −b)),
        // so the flow's field and one Polyak step must equal it to the last bit: clipped, unclipped and at ∇L = 0.
        var loss = new RosenbrockLoss(1.0, 5.0);
        var g = new double[2];
        var f = new double[2];
        foreach (double clip in new[] { double.PositiveInfinity, 0.5 })
        {
            foreach (double[] theta in States)
            {
                loss.Gradient(theta, g);
                double norm2 = g[0] * g[0] + g[1] * g[1], norm = Math.Sqrt(norm2);
                double speed = -Math.Max(-(1.0 / norm), -clip);
                double scale = norm2 == 0 ? 0 : (loss.Value(theta) - 0.25) * speed / norm;
                new PolyakFlow<RosenbrockLoss>(loss, clip, optimalValue: 0.25).Evaluate(0, theta, f);
                double[] stepped = [.. theta];
                new PolyakStep(0.01, clip, optimalValue: 0.25).Advance(loss, stepped, new double[2]);
                for (int i = 0; i < 2; i++)
                {
                    Assert.Equal(g[i] * -scale, f[i]);
                    Assert.Equal(theta[i] - 0.01 * scale * g[i], stepped[i]);
                }
            }
        }
    }

    [Fact]
    public void A_clip_and_loss_sweep_in_SIMD_lanes_ends_on_the_bits_of_each_lone_solve()
    {
        const int count = 19;
        var sweep = new EnsembleProblem<PolyakFlow<RosenbrockLoss>>(count, m => OdeProblem.Create(
            new PolyakFlow<RosenbrockLoss>(new RosenbrockLoss(1, 5 + 2 * m), clip: m % 3 == 0 ? double.PositiveInfinity : 0.2 + 0.3 * m, optimalValue: m % 3 == 0 ? 0 : -0.01 * m),
            [-1.2 + 0.05 * m, 1.0], 0, 4));
        LaneFormulaAssert.SimdLanesMatchLoneSolves(sweep);
    }

    [Fact]
    public void Automatic_Jacobians_match_central_differences_clipped_and_not()
    {
        // Central differences are good to ~1e-9 relative on these O(1–100) entries (see LaneFormulaAssert); the points
        // keep away from the clip's switch 1/‖∇L‖ = M, where the field is only Lipschitz, and from ∇L = 0, near which
        // ∇L/‖∇L‖ turns on the scale ‖∇L‖/‖∇²L‖ and the differences' truncation error grows (at (0.98, 0.96) it is 5e-6).
        // At (0.4, −0.3), 1/‖∇L‖ ≈ 0.19 > M = 0.05: the clipped branch.
        LaneFormulaAssert.JacobianMatchesDifferences(new PolyakFlow<RosenbrockLoss>(new RosenbrockLoss(1.0, 5.0)), 0, [-1.2, 1.0], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new PolyakFlow<RosenbrockLoss>(new RosenbrockLoss(1.0, 5.0), clip: 0.05), 0, [0.4, -0.3], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new PolyakFlow<BealeLoss>(new BealeLoss(), clip: 1000, optimalValue: -0.5), 0, [1.3, -0.4], 1e-7);
    }

    [Fact]
    public void Unclipped_flow_on_Rosenbrock_follows_the_exponential_law_of_its_loss()
    {
        var loss = new RosenbrockLoss(1.0, 100.0);
        // L* = min L = 0: with L* below the minimum the unclipped flow would reach ∇L = 0 at L > L* in finite time.
        var flow = new PolyakFlow<RosenbrockLoss>(loss);
        double[] theta0 = [-1.2, 1.0];
        const double rtol = 1e-12;
        var solution = Ode.Solve(OdeProblem.Create(flow, theta0, 0, 8), new Verner8(), SolverOptions.WithTolerance(rtol));
        Assert.Equal(SolveStatus.Success, solution.Status);
        double excess0 = loss.Value(theta0), worst = 0;
        for (int k = 0; k < solution.Count; k++)
        {
            double excess = loss.Value(solution.State(k));
            worst = Math.Max(worst, Math.Abs(excess / (excess0 * Math.Exp(-solution.Times[k])) - 1));
        }

        // dL/dt = −(L − L*) exactly along the flow, so the relative deviation is the solver's global error alone: with
        // rtol = atol = 1e-12 per step it is of order 1e-12 (measured 1.8e-12); 1e-11 allows a fivefold spread across
        // machines and still fails for a wrong rate (e^{−(1+δ)t} misses by 8δ at t = 8). The excess falls by e⁸ ≈ 3000
        // while θ crosses the curved valley, so the law is checked over the whole run, not at one point.
        Assert.True(worst < 1e-11, $"largest relative deviation from (L₀ − L*)e^{{−t}}: {worst:E2}");
        Assert.True(solution.Count > 10, $"only {solution.Count} saved points");
    }
}
