namespace Dynamics.Solvers.Implicit;

/// <summary>
/// RODAS4 (Hairer &amp; Wanner, Solving ODEs II, 2nd ed. 1996, §VI.4; coefficients of Hairer's rodas.f): a 6-stage,
/// L-stable, stiffly accurate Rosenbrock method of order 4 with an embedded order-3 solution, whose error estimate is
/// the last stage itself, and a third-degree dense output. The workhorse for stiff problems at tolerances 1e-3 … 1e-9.
/// </summary>
public sealed class Rodas4 : RosenbrockMethod
{
    private const double A51 = 1.221224509226641, A52 = 6.019134481288629, A53 = 12.53708332932087, A54 = -0.6878860361058950;
    private const double D21 = 10.12623508344586, D22 = -7.487995877610167, D23 = -34.80091861555747, D24 = -7.992771707568823, D25 = 1.025137723295662;
    private const double D31 = -0.6762803392801253, D32 = 6.087714651680015, D33 = 16.43084320892478, D34 = 24.76722511418386, D35 = -6.594389125716872;

    /// <summary>The RODAS4 coefficients (transformed form).</summary>
    public static RosenbrockTableau Coefficients { get; } = RosenbrockTableau.FromTransformed("Rodas4", 4, 3, 0.25,
        a:
        [
            [],
            [1.544],
            [0.9466785280815826, 0.2557011698983284],
            [3.314825187068521, 2.896124015972201, 0.9986419139977817],
            [A51, A52, A53, A54],
            [A51, A52, A53, A54, 1.0],
        ],
        c:
        [
            [],
            [-5.6688],
            [-2.430093356833875, -0.2063599157091915],
            [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
            [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160],
            [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
        ],
        nodes: [0.0, 0.386, 0.21, 0.63, 1.0, 1.0],
        timeCoefficients: [0.25, -0.1043, 0.1035, -0.3620000000000023e-01, 0.0, 0.0],
        weights: [A51, A52, A53, A54, 1.0, 1.0],
        errorWeights: [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        // rodas.f: y(θ) = (1 − θ)y₀ + θ(y₁ + (1 − θ)(q₂ + θq₃)), qₖ = Σ dₖᵢuᵢ, expanded into powers of θ.
        dense:
        [
            [A51 + D21, A52 + D22, A53 + D23, A54 + D24, 1.0 + D25, 1.0],
            [D31 - D21, D32 - D22, D33 - D23, D34 - D24, D35 - D25, 0.0],
            [-D31, -D32, -D33, -D34, -D35, 0.0],
        ]);

    /// <summary>Creates the method.</summary>
    public Rodas4() : base(Coefficients) { }
}
