using Dynamics.Models.Gan;
using Dynamics.Solvers.Optimization;

namespace Dynamics.Tests.Core.Models.Gan;

public class GanTrainingTests
{
    private static readonly double[] Start = [.. DiracGan.SuInitialState];

    [Fact]
    public void Simultaneous_steps_multiply_J2_by_one_plus_h2_sigma_one_minus_sigma_every_step()
    {
        const double h = 0.1;
        var run = new GanTraining(h, GanUpdateScheme.Simultaneous).Run(new VanillaDiracGan(), Start, 1000);
        for (int k = 0; k + 1 < run.Count; k++)
        {
            var y = run.State(k);
            double s = 1 / (1 + Math.Exp(-(y[0] * y[2] + y[1] * y[3])));
            double ratio = DiracGan.AngularMomentum(run.State(k + 1)) / DiracGan.AngularMomentum(y);
            // An exact determinant identity; rounding of J₂ ≈ 0.03 … 0.4 gives ~1e-15 relative.
            Assert.Equal(1 + h * h * s * (1 - s), ratio, 1e-12);
        }

        // Near the equilibrium σ ≈ ½, so J₂ grows by ≈ (1 + h²/4)ⁿ: the spiral out the flow never makes.
        Assert.True(DiracGan.AngularMomentum(run.FinalState) > 0.03 * 5);
    }

    [Fact]
    public void Alternating_steps_conserve_J2_exactly()
    {
        var run = new GanTraining(0.1, GanUpdateScheme.Alternating).Run(new VanillaDiracGan(), Start, 5000);
        for (int k = 0; k < run.Count; k++)
        {
            // The alternating map has determinant 1 on every (φᵢ, θᵢ) pair: J₂ stays 0.03 up to accumulated rounding.
            Assert.Equal(0.03, DiracGan.AngularMomentum(run.State(k)), 1e-13);
        }
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.19, true)]
    [InlineData(0.21, false)]
    [InlineData(0.3, false)]
    public void Simultaneous_steps_on_zero_centred_WGAN_GP_converge_only_for_h_below_2_lambda(double h, bool converges)
    {
        // Euler multiplies the modes by |1 + h(−λ ± iω)|² = 1 − 2hλ + h²: below 1 iff h < 2λ = 0.2.
        var run = new GanTraining(h, GanUpdateScheme.Simultaneous).Run(new WganGpDiracGan(), Start, 4000, recordEvery: 0);
        double radius = 2 * DiracGan.Energy(run.FinalState, 2);
        double predicted = 0.1 * Math.Pow(1 - 0.2 * h + h * h, 4000);
        Assert.Equal(converges, radius < 0.1);
        // The energy follows the predicted factor to within the oscillation of E around its mode average (×3).
        Assert.InRange(radius / predicted, 1.0 / 3, 3.0);
    }

    [Fact]
    public void Discrete_training_converges_to_the_flow_at_first_order()
    {
        foreach (var scheme in new[] { GanUpdateScheme.Simultaneous, GanUpdateScheme.Alternating })
        {
            var scaling = MapFlowComparison.Scaling([0.02, 0.01, 0.005], h =>
                MapFlowComparison.Compare(new GanTraining(h, scheme).Run(new VanillaDiracGan(), Start, (long)Math.Round(10 / h)), new VanillaDiracGan(), Start, 4));
            // Both are first-order splittings of the flow.
            Assert.InRange(scaling.Order, 0.9, 1.1);
        }
    }
}
