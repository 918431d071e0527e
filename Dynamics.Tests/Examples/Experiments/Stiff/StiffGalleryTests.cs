using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Experiments.Stiff;

public class StiffGalleryTests
{
    [Fact]
    public void The_stiff_entry_is_in_the_catalogue()
    {
        // GalleryTests runs every catalogued entry headless and requires all its checks to pass.
        Assert.NotNull(ExperimentCatalog.Find("stiff"));
    }
}
