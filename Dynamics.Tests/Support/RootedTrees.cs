namespace Dynamics.Tests.Support;

/// <summary>
/// Butcher's rooted trees and Runge–Kutta order conditions (Butcher 1963; Hairer, Nørsett &amp; Wanner I, II.2):
/// a method has order p exactly when Σᵢ bᵢ Φᵢ(τ) = 1/γ(τ) for every rooted tree τ with at most p vertices.
/// A tree is represented canonically as the sorted list of its children's canonical strings.
/// </summary>
public sealed class RootedTree
{
    private RootedTree(IReadOnlyList<RootedTree> children)
    {
        Children = children;
        Order = 1 + children.Sum(c => c.Order);
        Density = Order * children.Aggregate(1.0, (product, c) => product * c.Density);
        Key = "[" + string.Concat(children.Select(c => c.Key)) + "]";
    }

    public IReadOnlyList<RootedTree> Children { get; }

    /// <summary>The number of vertices |τ|.</summary>
    public int Order { get; }

    /// <summary>The density γ(τ).</summary>
    public double Density { get; }

    public string Key { get; }

    /// <summary>All trees with 1 … <paramref name="maxOrder"/> vertices (1, 1, 2, 4, 9, 20, 48, 115, … of each order).</summary>
    public static IReadOnlyList<RootedTree> UpTo(int maxOrder)
    {
        var byOrder = new List<List<RootedTree>> { new(), new() { new RootedTree([]) } };
        for (int order = 2; order <= maxOrder; order++)
        {
            var found = new Dictionary<string, RootedTree>();
            foreach (var tree in byOrder[order - 1])
            {
                foreach (var grown in GrowLeaf(tree)) found.TryAdd(grown.Key, grown);
            }

            byOrder.Add([.. found.Values]);
        }

        return [.. byOrder.SelectMany(l => l)];
    }

    /// <summary>Φᵢ(τ) for every stage i of the coupling matrix <paramref name="a"/> (rows over earlier stages).</summary>
    public double[] StageWeights(IReadOnlyList<double[]> a)
    {
        int stages = a.Count;
        var phi = new double[stages];
        Array.Fill(phi, 1.0);
        foreach (var child in Children)
        {
            var inner = child.StageWeights(a);
            for (int i = 0; i < stages; i++)
            {
                double sum = 0;
                for (int j = 0; j < a[i].Length; j++) sum += a[i][j] * inner[j];
                phi[i] *= sum;
            }
        }

        return phi;
    }

    private static IEnumerable<RootedTree> GrowLeaf(RootedTree tree)
    {
        // Attach a leaf to the root ...
        yield return Canonical([.. tree.Children, new RootedTree([])]);
        // ... or, recursively, somewhere inside one of the children.
        for (int k = 0; k < tree.Children.Count; k++)
        {
            foreach (var grownChild in GrowLeaf(tree.Children[k]))
            {
                var children = tree.Children.ToList();
                children[k] = grownChild;
                yield return Canonical(children);
            }
        }
    }

    private static RootedTree Canonical(List<RootedTree> children) =>
        new([.. children.OrderBy(c => c.Key, StringComparer.Ordinal)]);
}
