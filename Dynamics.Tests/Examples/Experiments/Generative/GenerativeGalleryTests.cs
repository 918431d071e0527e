using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Experiments.Generative;

public class GenerativeGalleryTests
{
    [Fact]
    public void The_entries_of_issue_11_are_in_the_catalogue()
    {
        var names = ExperimentCatalog.All.Select(e => e.Name).ToHashSet();
        Assert.Contains("monoflow", names);
        Assert.Contains("gan-as-diffusion", names);
    }
}
