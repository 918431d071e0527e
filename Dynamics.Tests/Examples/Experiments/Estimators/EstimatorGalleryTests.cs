using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Experiments.Estimators;

/// <summary>The two entries of issue 12 are in the catalogue (GalleryTests runs every entry headless and checks its summary).</summary>
public class EstimatorGalleryTests
{
    [Fact]
    public void The_estimator_entries_are_in_the_catalogue()
    {
        var names = ExperimentCatalog.All.Select(e => e.Name).ToHashSet();
        Assert.Contains("estimators", names);
        Assert.Contains("infomax", names);
    }
}
