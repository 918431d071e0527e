namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The Bogacki–Shampine 3(2) pair (Bogacki &amp; Shampine 1989, Appl. Math. Lett. 2(4)): order 3 with a
/// second-order error estimate, four stages with FSAL (three evaluations per step), cubic Hermite dense output.
/// The analogue of MATLAB's ode23.
/// </summary>
public sealed class BogackiShampine3 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Bogacki–Shampine 3(2)", 3,
        c: [0.0, 0.5, 0.75, 1.0],
        a:
        [
            [],
            [0.5],
            [0.0, 0.75],
            [2.0 / 9, 1.0 / 3, 4.0 / 9],
        ],
        b: [2.0 / 9, 1.0 / 3, 4.0 / 9, 0.0],
        embeddedWeights: [7.0 / 24, 1.0 / 4, 1.0 / 3, 1.0 / 8],
        embeddedOrder: 2,
        interpolant: new ContinuousExtension(3,
        [
            [1.0, -4.0 / 3, 5.0 / 9],
            [0.0, 1.0, -2.0 / 3],
            [0.0, 4.0 / 3, -8.0 / 9],
            [0.0, -1.0, 1.0],
        ]));

    /// <summary>Creates the method.</summary>
    public BogackiShampine3() : base(Coefficients) { }
}
