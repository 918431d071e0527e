using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Experiments.Diffusion;

public class DiffusionGalleryTests
{
    [Fact]
    public void The_diffusion_entries_are_in_the_catalogue()
    {
        // Each entry is run headless with its figures and checks by GalleryTests.
        var names = ExperimentCatalog.All.Select(e => e.Name).ToHashSet();
        foreach (var name in new[] { "ddpm", "samplers", "probability-flow", "langevin", "denoising-score" })
            Assert.Contains(name, names);
    }
}
