using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Experiments.Learning;

public class LearningGalleryTests
{
    [Fact]
    public void The_learning_entries_of_issue_5_are_in_the_catalogue()
    {
        var names = ExperimentCatalog.All.Select(e => e.Name).ToHashSet();
        foreach (var name in new[] { "optimizers", "momentum", "modified-equation", "polyak", "gan-dynamics", "gan-discrete", "simsiam", "ntk" })
            Assert.Contains(name, names);
    }
}
