using Dynamics.Models.Classical;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;

namespace Dynamics.Tests.Core.Fields;

/// <summary>The second-order models' force comes from their one formula at v = 0; checked against the closed forms.</summary>
public class SecondOrderForceTests
{
    [Fact]
    public void The_forces_equal_their_closed_forms()
    {
        var force = new double[2];
        double[] q = [0.6, -0.8];
        new Kepler().Acceleration(0, q, force);
        // −q/|q|³ with |q| = 1 here: exactly −q up to the rounding of |q|² = 0.36 + 0.64.
        Assert.Equal(-0.6, force[0], 1e-15);
        Assert.Equal(0.8, force[1], 1e-15);

        var one = new double[1];
        new HarmonicOscillator(1.7).Acceleration(0, [0.5], one);
        Assert.Equal(-1.7 * 1.7 * 0.5, one[0], 1e-15);

        // The heavy ball's force is −∇L alone: the friction acts on v, which is 0 where the force is read.
        var loss = new RosenbrockLoss(1.0, 5.0);
        var gradient = new double[2];
        loss.Gradient(q, gradient);
        new HeavyBallFlow<RosenbrockLoss>(loss, 0.7).Acceleration(0, q, force);
        Assert.Equal(-gradient[0], force[0]);
        Assert.Equal(-gradient[1], force[1]);
    }
}
