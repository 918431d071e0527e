using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.RungeKutta;

public class TableauTests
{
    // An order condition's defect after rounding every coefficient to double is bounded by 64ε Σ|wᵢΦᵢ|
    // (Tableaus.RoundingBound): about 1e-13 for the step weights and up to 1e-8 for Verner's interpolant, whose
    // coefficients reach 1e6 and cancel. A wrong coefficient leaves a defect many orders of magnitude larger.
    // The next order's conditions must fail by far more than rounding: Verner 8's smallest worst defect is 4e-7.
    private const double NextOrderDefect = 1e-9;

    [Fact]
    public void Tree_counts_match_the_known_sequence()
    {
        var trees = RootedTree.UpTo(8);
        int[] counts = [.. Enumerable.Range(1, 8).Select(order => trees.Count(t => t.Order == order))];
        Assert.Equal([1, 1, 2, 4, 9, 20, 48, 115], counts);
    }

    [Theory]
    [MemberData(nameof(Tableaus.MethodNames), MemberType = typeof(Tableaus))]
    public void Rows_sum_to_nodes_and_weights_to_one(string name)
    {
        var tableau = Tableaus.Named(name);
        for (int i = 0; i < tableau.Stages; i++)
        {
            double sum = 0;
            for (int j = 0; j < i; j++) sum += tableau.A(i, j);
            Assert.Equal(tableau.C[i], sum, 1e-13);
        }

        Assert.Equal(1.0, tableau.B.ToArray().Sum(), 1e-14);
        if (tableau.IsAdaptive) Assert.Equal(0.0, tableau.ErrorWeights.ToArray().Sum(), 1e-14);
    }

    [Theory]
    [MemberData(nameof(Tableaus.MethodNames), MemberType = typeof(Tableaus))]
    public void Weights_satisfy_every_order_condition_up_to_the_stated_order_and_not_beyond(string name)
    {
        var tableau = Tableaus.Named(name);
        var rows = Tableaus.ExtendedRows(tableau).Take(tableau.Stages).ToList();
        var b = tableau.B.ToArray();
        foreach (var tree in RootedTree.UpTo(tableau.Order))
            Assert.True(Math.Abs(Tableaus.Defect(tree, rows, b)) < Tableaus.RoundingBound(tree, rows, b), $"{name}: order condition {tree.Key} fails.");

        double worstNext = RootedTree.UpTo(tableau.Order + 1).Where(t => t.Order == tableau.Order + 1)
            .Max(t => Math.Abs(Tableaus.Defect(t, rows, b)));
        Assert.True(worstNext > NextOrderDefect, $"{name} satisfies all order-{tableau.Order + 1} conditions, so its stated order is too low.");
    }

    [Theory]
    [MemberData(nameof(Tableaus.MethodNames), MemberType = typeof(Tableaus))]
    public void Embedded_weights_have_the_stated_embedded_order(string name)
    {
        var tableau = Tableaus.Named(name);
        if (!tableau.IsAdaptive) return;
        var rows = Tableaus.ExtendedRows(tableau).Take(tableau.Stages).ToList();
        var bHat = new double[tableau.Stages];
        for (int i = 0; i < bHat.Length; i++) bHat[i] = tableau.B[i] - tableau.ErrorWeights[i];
        foreach (var tree in RootedTree.UpTo(tableau.EmbeddedOrder!.Value))
            Assert.True(Math.Abs(Tableaus.Defect(tree, rows, bHat)) < Tableaus.RoundingBound(tree, rows, bHat), $"{name}: embedded condition {tree.Key} fails.");
    }

    [Theory]
    [MemberData(nameof(Tableaus.MethodNames), MemberType = typeof(Tableaus))]
    public void Interpolant_weights_satisfy_the_order_conditions_for_every_theta(string name)
    {
        // The dense output b(θ) has order q when Σᵢ bᵢ(θ) Φᵢ(τ) = θ^{|τ|}/γ(τ) for all trees up to q and all θ.
        var tableau = Tableaus.Named(name);
        var extension = tableau.Interpolant;
        var rows = Tableaus.ExtendedRows(tableau);
        foreach (double theta in new[] { 0.1, 0.37, 0.5, 0.81, 1.0 })
        {
            var weights = extension.Weights.Select(p => p.Select((coefficient, m) => coefficient * Math.Pow(theta, m + 1)).Sum()).ToArray();
            var magnitudes = extension.Weights.Select(p => p.Select((coefficient, m) => Math.Abs(coefficient) * Math.Pow(theta, m + 1)).Sum()).ToArray();
            foreach (var tree in RootedTree.UpTo(extension.Order))
                Assert.True(Math.Abs(Tableaus.Defect(tree, rows, weights, theta)) < Tableaus.RoundingBound(tree, rows, magnitudes),
                    $"{name}: interpolant condition {tree.Key} fails at θ = {theta}.");
        }
    }

    [Theory]
    [InlineData("Dormand–Prince 5(4)", true)]
    [InlineData("Tsitouras 5(4)", true)]
    [InlineData("Bogacki–Shampine 3(2)", true)]
    [InlineData("Verner 8(7)", true)]
    [InlineData("Runge–Kutta 4", false)]
    [InlineData("Explicit Euler", false)]
    public void First_same_as_last_is_derived_from_the_data(string name, bool fsal) =>
        Assert.Equal(fsal, Tableaus.Named(name).IsFirstSameAsLast);

    [Fact]
    public void A_row_that_does_not_sum_to_its_node_is_rejected_with_the_row_named()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ButcherTableau("broken", 2, c: [0.0, 0.5], a: [[], [0.6]], b: [0.0, 1.0]));
        Assert.Contains("row 1 of A", ex.Message);
        Assert.Contains("broken", ex.Message);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ButcherTableau("broken", 1, c: [0.0], a: [[]], b: [0.9]));
        Assert.Contains("b sums to 0.9", ex.Message);
    }

    [Fact]
    public void Embedded_weights_need_an_embedded_order()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ButcherTableau("broken", 2, c: [0.0, 1.0], a: [[], [1.0]], b: [0.5, 0.5], embeddedWeights: [1.0, 0.0]));
        Assert.Contains("embedded order", ex.Message);
    }
}
