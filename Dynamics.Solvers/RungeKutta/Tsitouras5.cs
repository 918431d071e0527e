namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Tsitouras' 5(4) pair (Tsitouras 2011, "Runge–Kutta pairs of order 5(4) satisfying only the first column
/// simplifying assumption", Comput. Math. Appl. 62(2)): order 5, seven stages with FSAL, free fourth-order dense
/// output. Usually a little more efficient than Dormand–Prince at the same tolerance.
/// The paper's b̂ column is the difference b − b̂ with a sign slip in the last entry; the embedded weights below are
/// the corrected b̂ (they sum to 1, which the tableau validation checks).
/// </summary>
public sealed class Tsitouras5 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Tsitouras 5(4)", 5,
        c: [0.0, 0.161, 0.327, 0.9, 0.9800255409045097, 1.0, 1.0],
        a:
        [
            [],
            [0.161],
            [-0.008480655492356989, 0.335480655492357],
            [2.8971530571054935, -6.359448489975075, 4.3622954328695815],
            [5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525],
            [5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383],
            [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774],
        ],
        b: [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0.0],
        embeddedWeights:
        [
            0.09468075576583945, 0.009183565540343254, 0.4877705284247616, 1.234297566930479,
            -2.7077123499835256, 1.866628418170587, 0.015151515151515152,
        ],
        embeddedOrder: 4,
        interpolant: new ContinuousExtension(4,
        [
            [1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216],
            [0.0, 0.13169999999999998, -0.2234, 0.1017],
            [0.0, 3.9302962368947516, -5.941033872131505, 2.490627285651253],
            [0.0, -12.411077166933676, 30.33818863028232, -16.548102889244902],
            [0.0, 37.50931341651104, -88.1789048947664, 47.37952196281928],
            [0.0, -27.896526289197286, 65.09189467479366, -34.87065786149661],
            [0.0, 1.5, -4.0, 2.5],
        ]));

    /// <summary>Creates the method.</summary>
    public Tsitouras5() : base(Coefficients) { }
}
