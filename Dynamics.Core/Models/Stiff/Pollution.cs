using Dynamics.Fields;

namespace Dynamics.Models.Stiff;

/// <summary>
/// POLLU, the chemical part of the RIVM air-pollution model (Verwer 1994, SIAM J. Sci. Comput. 15(5); problem POLLU
/// of the Test Set for IVP Solvers): 20 species (NO₂, NO, O³P, O₃, HO₂, OH, HCHO, CO, ALD, MEO₂, C₂O₃, CO₂, PAN, CH₃O,
/// HNO₃, O¹D, SO₂, SO₄, NO₃, N₂O₅) in 25 mass-action reactions rᵢ = kᵢ·(reactants) whose rate constants span
/// 10⁻⁴ … 4.4·10¹¹, on t ∈ [0, 60] minutes. The Jacobian is sparse (about 80 non-zeros) and given analytically.
/// </summary>
public readonly record struct Pollution : IModel, IJacobianField, ITimeDerivativeField
{
    private const int N = 20;
    private const double K1 = 0.35, K2 = 26.6, K3 = 1.23e4, K4 = 8.6e-4, K5 = 8.2e-4, K6 = 1.5e4, K7 = 1.3e-4, K8 = 2.4e4, K9 = 1.65e4,
        K10 = 9.0e3, K11 = 2.2e-2, K12 = 1.2e4, K13 = 1.88, K14 = 1.63e4, K15 = 4.8e6, K16 = 3.5e-4, K17 = 1.75e-2, K18 = 1.0e8,
        K19 = 4.44e11, K20 = 1.24e3, K21 = 2.1, K22 = 5.78, K23 = 4.74e-2, K24 = 1.78e3, K25 = 3.12;

    /// <summary>The initial concentrations (ppm): NO 0.2, O₃ 0.04, HCHO 0.1, CO 0.3, ALD 0.01, SO₂ 0.007, others 0.</summary>
    public static IReadOnlyList<double> InitialState { get; } = [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0];

    /// <summary>The Test Set's reference at t = 60 (Mazzia &amp; Magherini, pollu.f, RADAU5 with uround 1.01e-19).</summary>
    public static IReadOnlyList<double> ReferenceAt60 { get; } =
    [
        0.5646255480022769e-01, 0.1342484130422339e+00, 0.4139734331099427e-08, 0.5523140207484359e-02, 0.2018977262302196e-06,
        0.1464541863493966e-06, 0.7784249118997964e-01, 0.3245075353396018e+00, 0.7494013383880406e-02, 0.1622293157301561e-07,
        0.1135863833257075e-07, 0.2230505975721359e-02, 0.2087162882798630e-03, 0.1396921016840158e-04, 0.8964884856898295e-02,
        0.4352846369330103e-17, 0.6899219696263405e-02, 0.1007803037365946e-03, 0.1772146513969984e-05, 0.5682943292316392e-04,
    ];

    /// <inheritdoc/>
    public int Dimension => N;

    /// <inheritdoc/>
    public string Name => "Pollution (POLLU)";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames =>
        ["NO₂", "NO", "O³P", "O₃", "HO₂", "OH", "HCHO", "CO", "ALD", "MEO₂", "C₂O₃", "CO₂", "PAN", "CH₃O", "HNO₃", "O¹D", "SO₂", "SO₄", "NO₃", "N₂O₅"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double r1 = K1 * y[0], r2 = K2 * y[1] * y[3], r3 = K3 * y[4] * y[1], r4 = K4 * y[6], r5 = K5 * y[6];
        double r6 = K6 * y[6] * y[5], r7 = K7 * y[8], r8 = K8 * y[8] * y[5], r9 = K9 * y[10] * y[1], r10 = K10 * y[10] * y[0];
        double r11 = K11 * y[12], r12 = K12 * y[9] * y[1], r13 = K13 * y[13], r14 = K14 * y[0] * y[5], r15 = K15 * y[2];
        double r16 = K16 * y[3], r17 = K17 * y[3], r18 = K18 * y[15], r19 = K19 * y[15], r20 = K20 * y[16] * y[5];
        double r21 = K21 * y[18], r22 = K22 * y[18], r23 = K23 * y[0] * y[3], r24 = K24 * y[18] * y[0], r25 = K25 * y[19];

        dydt[0] = -r1 - r10 - r14 - r23 - r24 + r2 + r3 + r9 + r11 + r12 + r22 + r25;
        dydt[1] = -r2 - r3 - r9 - r12 + r1 + r21;
        dydt[2] = -r15 + r1 + r17 + r19 + r22;
        dydt[3] = -r2 - r16 - r17 - r23 + r15;
        dydt[4] = -r3 + 2 * r4 + r6 + r7 + r13 + r20;
        dydt[5] = -r6 - r8 - r14 - r20 + r3 + 2 * r18;
        dydt[6] = -r4 - r5 - r6 + r13;
        dydt[7] = r4 + r5 + r6 + r7;
        dydt[8] = -r7 - r8;
        dydt[9] = -r12 + r7 + r9;
        dydt[10] = -r9 - r10 + r8 + r11;
        dydt[11] = r9;
        dydt[12] = -r11 + r10;
        dydt[13] = -r13 + r12;
        dydt[14] = r14;
        dydt[15] = -r18 - r19 + r16;
        dydt[16] = -r20;
        dydt[17] = r20;
        dydt[18] = -r21 - r22 - r24 + r23 + r25;
        dydt[19] = -r25 + r24;
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        var j = jacobian[..(N * N)];
        j.Clear();
        // Entries as in the Test Set's pollu.f (1-based rows and columns there, 0-based here).
        Set(j, 0, 0, -K1 - K10 * y[10] - K14 * y[5] - K23 * y[3] - K24 * y[18]);
        Set(j, 0, 10, -K10 * y[0] + K9 * y[1]);
        Set(j, 0, 5, -K14 * y[0]);
        Set(j, 0, 3, -K23 * y[0] + K2 * y[1]);
        Set(j, 0, 18, -K24 * y[0] + K22);
        Set(j, 0, 1, K2 * y[3] + K9 * y[10] + K3 * y[4] + K12 * y[9]);
        Set(j, 0, 12, K11);
        Set(j, 0, 19, K25);
        Set(j, 0, 4, K3 * y[1]);
        Set(j, 0, 9, K12 * y[1]);

        Set(j, 1, 3, -K2 * y[1]);
        Set(j, 1, 4, -K3 * y[1]);
        Set(j, 1, 10, -K9 * y[1]);
        Set(j, 1, 9, -K12 * y[1]);
        Set(j, 1, 18, K21);
        Set(j, 1, 0, K1);
        Set(j, 1, 1, -K2 * y[3] - K3 * y[4] - K9 * y[10] - K12 * y[9]);

        Set(j, 2, 0, K1);
        Set(j, 2, 3, K17);
        Set(j, 2, 15, K19);
        Set(j, 2, 18, K22);
        Set(j, 2, 2, -K15);

        Set(j, 3, 3, -K2 * y[1] - K16 - K17 - K23 * y[0]);
        Set(j, 3, 1, -K2 * y[3]);
        Set(j, 3, 0, -K23 * y[3]);
        Set(j, 3, 2, K15);

        Set(j, 4, 4, -K3 * y[1]);
        Set(j, 4, 1, -K3 * y[4]);
        Set(j, 4, 6, 2 * K4 + K6 * y[5]);
        Set(j, 4, 5, K6 * y[6] + K20 * y[16]);
        Set(j, 4, 8, K7);
        Set(j, 4, 13, K13);
        Set(j, 4, 16, K20 * y[5]);

        Set(j, 5, 5, -K6 * y[6] - K8 * y[8] - K14 * y[0] - K20 * y[16]);
        Set(j, 5, 6, -K6 * y[5]);
        Set(j, 5, 8, -K8 * y[5]);
        Set(j, 5, 0, -K14 * y[5]);
        Set(j, 5, 16, -K20 * y[5]);
        Set(j, 5, 1, K3 * y[4]);
        Set(j, 5, 4, K3 * y[1]);
        Set(j, 5, 15, 2 * K18);

        Set(j, 6, 6, -K4 - K5 - K6 * y[5]);
        Set(j, 6, 5, -K6 * y[6]);
        Set(j, 6, 13, K13);

        Set(j, 7, 6, K4 + K5 + K6 * y[5]);
        Set(j, 7, 5, K6 * y[6]);
        Set(j, 7, 8, K7);

        Set(j, 8, 8, -K7 - K8 * y[5]);
        Set(j, 8, 5, -K8 * y[8]);

        Set(j, 9, 9, -K12 * y[1]);
        Set(j, 9, 1, -K12 * y[9] + K9 * y[10]);
        Set(j, 9, 8, K7);
        Set(j, 9, 10, K9 * y[1]);

        Set(j, 10, 10, -K9 * y[1] - K10 * y[0]);
        Set(j, 10, 1, -K9 * y[10]);
        Set(j, 10, 0, -K10 * y[10]);
        Set(j, 10, 8, K8 * y[5]);
        Set(j, 10, 5, K8 * y[8]);
        Set(j, 10, 12, K11);

        Set(j, 11, 10, K9 * y[1]);
        Set(j, 11, 1, K9 * y[10]);

        Set(j, 12, 12, -K11);
        Set(j, 12, 10, K10 * y[0]);
        Set(j, 12, 0, K10 * y[10]);

        Set(j, 13, 13, -K13);
        Set(j, 13, 9, K12 * y[1]);
        Set(j, 13, 1, K12 * y[9]);

        Set(j, 14, 0, K14 * y[5]);
        Set(j, 14, 5, K14 * y[0]);

        Set(j, 15, 15, -K18 - K19);
        Set(j, 15, 3, K16);

        Set(j, 16, 16, -K20 * y[5]);
        Set(j, 16, 5, -K20 * y[16]);

        Set(j, 17, 16, K20 * y[5]);
        Set(j, 17, 5, K20 * y[16]);

        Set(j, 18, 18, -K21 - K22 - K24 * y[0]);
        Set(j, 18, 0, -K24 * y[18] + K23 * y[3]);
        Set(j, 18, 3, K23 * y[0]);
        Set(j, 18, 19, K25);

        Set(j, 19, 19, -K25);
        Set(j, 19, 0, K24 * y[18]);
        Set(j, 19, 18, K24 * y[0]);
    }

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..N].Clear();

    private static void Set(Span<double> jacobian, int row, int column, double value) => jacobian[row * N + column] = value;
}
