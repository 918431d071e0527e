using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Models.Gan;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.Stochastic;

namespace Dynamics.Tests.Core.Models;

public class LearningBadInputTests
{
    private static readonly QuadraticLoss Loss = QuadraticLoss.Diagonal(1.0, 2.0);

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "gd rate 0", "LearningRate", "0" },
        { "gd rate NaN", "LearningRate", "NaN" },
        { "momentum rate -1", "LearningRate", "-1" },
        { "momentum friction", "Friction", "-0.5" },
        { "momentum beta", "beta", "1.5" },
        { "nesterov lookahead", "Lookahead", "2" },
        { "rmsprop decay", "Decay", "1" },
        { "rmsprop epsilon", "Epsilon", "-1E-08" },
        { "adam beta1", "Beta1", "1" },
        { "adam beta2", "Beta2", "0" },
        { "polyak clip", "Clip", "0" },
        { "polyak optimum", "OptimalValue", "+∞" },
        { "heavy ball friction", "Friction", "-1" },
        { "with friction", "Friction", "-2" },
        { "nesterov r", "R", "0" },
        { "modified rate", "LearningRate", "-0.1" },
        { "langevin sigma", "Sigma", "-1" },
        { "adam flow rate", "LearningRate", "0" },
        { "sign epsilon", "Epsilon", "NaN" },
        { "wgan-gp lambda", "Lambda", "-0.1" },
        { "wgan-gp center", "Center", "-1" },
        { "gan-qp lambda", "Lambda", "0" },
        { "vanilla decay", "WeightDecay", "-0.01" },
        { "player dimension", "PlayerDimension", "0" },
        { "gan training rate", "LearningRate", "0" },
        { "ema tau", "Tau", "0" },
        { "sde step", "StepSize", "-0.01" },
        { "sde record", "RecordEvery", "-1" },
        { "sde end", "endTime", "0" },
        { "theta0 length", "theta0", "3" },
        { "theta0 NaN", "theta0", "NaN" },
        { "steps", "steps", "-1" },
        { "gan state odd", "field", "3" },
        { "compare components", "components", "5" },
        { "scaling one rate", "learningRates", "1" },
        { "langevin variance", "stepSize", "3" },
        { "simsiam phi0", "phi0", "1.5" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_throws_an_argument_exception_naming_the_parameter_and_the_value(string scenario, string parameter, string value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Act(scenario));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void Closed_forms_that_do_not_exist_say_so()
    {
        var oneCentred = new WganGpDiracGan(0.1, 1.0);
        Assert.Contains("c = 0", Assert.Throws<InvalidOperationException>(() => oneCentred.EquilibriumEigenvalues()).Message);
        Assert.Throws<InvalidOperationException>(() => oneCentred.ExactState([0.1, 0.2, 0.2, 0.1], 1, new double[4]));
        var jacobian = Assert.Throws<ArgumentException>(() => oneCentred.Jacobian(0, [0, 0, 0.1, 0.2], new double[16]));
        Assert.Contains("φ = 0", jacobian.Message);
        Assert.Throws<ArgumentException>(() => DiracGan.AngularMomentum([0.1, 0.2]));
    }

    [Fact]
    public void A_diverging_optimizer_stops_with_a_message_and_its_history()
    {
        // γ = 1.5 > 2/λ_max = 1 for curvature 2: gradient descent oscillates with growing amplitude |1 − 3| = 2 per step.
        var run = OptimizerRun.Iterate(new GradientDescent(1.5), Loss, [1.0, 1.0], 5000);
        Assert.False(run.IsSuccess);
        Assert.Contains("diverged", run.Failure);
        Assert.True(run.Steps < 5000 && run.Count == run.Steps + 1);
    }

    private static void Act(string scenario)
    {
        switch (scenario)
        {
            case "gd rate 0": _ = new GradientDescent(0); break;
            case "gd rate NaN": _ = new GradientDescent(double.NaN); break;
            case "momentum rate -1": _ = new MomentumDescent(-1, 0.5); break;
            case "momentum friction": _ = new MomentumDescent(0.1, -0.5); break;
            case "momentum beta": MomentumDescent.FromHyperparameters(0.01, 1.5); break;
            case "nesterov lookahead": _ = new NesterovMomentum(0.1, 0.5, lookahead: 2); break;
            case "rmsprop decay": _ = new RmsProp(0.1, decay: 1); break;
            case "rmsprop epsilon": _ = new RmsProp(0.1, epsilon: -1e-8); break;
            case "adam beta1": _ = new Adam(0.1, beta1: 1); break;
            case "adam beta2": _ = new Adam(0.1, beta2: 0); break;
            case "polyak clip": _ = new PolyakStep(0.1, clip: 0); break;
            case "polyak optimum": _ = new PolyakFlow<QuadraticLoss>(Loss, 10, double.PositiveInfinity); break;
            case "heavy ball friction": _ = new HeavyBallFlow<QuadraticLoss>(Loss, -1); break;
            case "with friction": _ = new HeavyBallFlow<QuadraticLoss>(Loss, 1) with { Friction = -2 }; break;
            case "nesterov r": _ = new NesterovFlow<QuadraticLoss>(Loss, 0); break;
            case "modified rate": _ = new ModifiedGradientFlow<QuadraticLoss>(Loss, -0.1); break;
            case "langevin sigma": _ = new LangevinDynamics<QuadraticLoss>(Loss, -1); break;
            case "adam flow rate": _ = new AdamFlow<QuadraticLoss>(Loss, new Adam(0)); break;
            case "sign epsilon": _ = new SignGradientFlow<QuadraticLoss>(Loss, double.NaN); break;
            case "wgan-gp lambda": _ = new WganGpDiracGan(-0.1, 0); break;
            case "wgan-gp center": _ = new WganGpDiracGan() with { Center = -1 }; break;
            case "gan-qp lambda": _ = new GanQpDiracGan(0); break;
            case "vanilla decay": _ = new VanillaDiracGan(-0.01); break;
            case "player dimension": _ = new WganDiracGan() with { PlayerDimension = 0 }; break;
            case "gan training rate": _ = new GanTraining(0, GanUpdateScheme.Alternating); break;
            case "ema tau": _ = new EmaFilteredField<HarmonicOscillator>(new HarmonicOscillator(), 0, 0, 1); break;
            case "sde step": _ = new SdeOptions(-0.01); break;
            case "sde record": _ = new SdeOptions(0.01) with { RecordEvery = -1 }; break;
            case "sde end": SdeProblem.Create(new LangevinDynamics<QuadraticLoss>(Loss, 1), [0.0, 0.0], 1, 0); break;
            case "theta0 length": OptimizerRun.Iterate(new GradientDescent(0.1), Loss, [1.0, 2.0, 3.0], 10); break;
            case "theta0 NaN": OptimizerRun.Iterate(new GradientDescent(0.1), Loss, [1.0, double.NaN], 10); break;
            case "steps": OptimizerRun.Iterate(new GradientDescent(0.1), Loss, [1.0, 2.0], -1); break;
            case "gan state odd": new GanTraining(0.1, GanUpdateScheme.Simultaneous).Run(VectorField.Create(3, (t, y, dy) => dy.Clear()), [0.0, 0, 0], 1); break;
            case "compare components":
                MapFlowComparison.Compare(OptimizerRun.Iterate(new GradientDescent(0.1), Loss, [1.0, 2.0], 2), new GradientFlow<QuadraticLoss>(Loss), [1.0, 2.0], 5);
                break;
            case "scaling one rate": MapFlowComparison.Scaling([0.1], _ => throw new InvalidOperationException()); break;
            case "langevin variance": LangevinStationaryLaw.EulerMaruyamaVariance(1.0, 1.0, 3); break;
            default: new SimSiamToy(SimSiamGradient.Full).Limit(1.5, 0.1); break;
        }
    }
}
