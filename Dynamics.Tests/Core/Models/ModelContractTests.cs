using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;

namespace Dynamics.Tests.Core.Models;

/// <summary>Every model writes its right-hand side once: no model of Dynamics.Models is left off the lane contract.</summary>
public class ModelContractTests
{
    // Vector fields that are not models (no IModel): particle ensembles and sampled or learned fields whose right-hand
    // side couples all particles through a density estimate, a matrix inverse or a fitted network evaluated on doubles.
    // Listed so that a new field off the contract fails here, and one moved onto it is struck off.
    private static readonly string[] DoubleOnlyFields =
    [
        "AffineGeneratorFlow", "GaussianKlFlowMoments", "LangevinParticles", "MonoFlowField", "LikelihoodFlow", "ProbabilityFlow", "ReverseDiffusion",
    ];

    [Fact]
    public void Every_model_is_a_lane_field_and_the_other_fields_are_the_listed_ones()
    {
        var types = typeof(ILoss).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && t.Namespace?.StartsWith("Dynamics.Models", StringComparison.Ordinal) == true)
            .ToList();
        var fields = types.Where(t => typeof(IVectorField).IsAssignableFrom(t)).ToList();
        var models = fields.Where(t => typeof(IModel).IsAssignableFrom(t)).ToList();
        var offContract = models.Where(t => !typeof(ILaneField).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.True(offContract.Count == 0, "models without one lane formula: " + string.Join(", ", offContract));
        Assert.Equal(DoubleOnlyFields.Order(), fields.Where(t => !typeof(ILaneField).IsAssignableFrom(t)).Select(t => t.Name).Order());
        // A guard over an empty list would pass: the classical models, the flows and the losses are there.
        Assert.Contains(models, t => t.Name.StartsWith("PolyakFlow", StringComparison.Ordinal));
        Assert.Contains(models, t => t.Name == "ReflectorCurve");
        Assert.True(types.Count(t => typeof(ILoss).IsAssignableFrom(t)) >= 10, "the ten losses of Dynamics.Core");
    }
}
