namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The Dormand–Prince 5(4) pair (Dormand &amp; Prince 1980, J. Comput. Appl. Math. 6(1)), the "RK45" of MATLAB's
/// ode45 and scipy: order 5 with local extrapolation, a fourth-order error estimate, seven stages with FSAL (six
/// evaluations per step), and the free fourth-order dense output of Shampine (1986, Math. Comp. 46(173)).
/// </summary>
public sealed class DormandPrince5 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Dormand–Prince 5(4)", 5,
        c: [0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0],
        a:
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        b: [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0],
        embeddedWeights: [5179.0 / 57600, 0.0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40],
        embeddedOrder: 4,
        interpolant: new ContinuousExtension(4,
        [
            [1.0, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799],
            [0.0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072],
            [0.0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632],
            [0.0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844],
            [0.0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423],
        ]));

    /// <summary>Creates the method.</summary>
    public DormandPrince5() : base(Coefficients) { }

    /// <inheritdoc/>
    public override Methods.IStepper CreateStepper<TField>(TField field) => new DormandPrince5Stepper<TField>(field);
}
