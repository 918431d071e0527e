using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Stiff;

/// <summary>
/// POLLU, the chemical part of the RIVM air-pollution model (Verwer 1994, SIAM J. Sci. Comput. 15(5); problem POLLU
/// of the Test Set for IVP Solvers): 20 species (NO₂, NO, O³P, O₃, HO₂, OH, HCHO, CO, ALD, MEO₂, C₂O₃, CO₂, PAN, CH₃O,
/// HNO₃, O¹D, SO₂, SO₄, NO₃, N₂O₅) in 25 mass-action reactions rᵢ = kᵢ·(reactants) whose rate constants span
/// 10⁻⁴ … 4.4·10¹¹, on t ∈ [0, 60] minutes. The Jacobian is sparse (about 80 non-zeros) and given analytically.
/// </summary>
public readonly record struct Pollution : IModel, ILaneField, IJacobianField, ITimeDerivativeField
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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // The 25 reaction rates of the Test Set's pollu.f (constants), then each species' production minus loss.
        T r1 = T.Create(K1) * y[0], r2 = T.Create(K2) * y[1] * y[3], r3 = T.Create(K3) * y[4] * y[1], r4 = T.Create(K4) * y[6], r5 = T.Create(K5) * y[6];
        T r6 = T.Create(K6) * y[6] * y[5], r7 = T.Create(K7) * y[8], r8 = T.Create(K8) * y[8] * y[5], r9 = T.Create(K9) * y[10] * y[1], r10 = T.Create(K10) * y[10] * y[0];
        T r11 = T.Create(K11) * y[12], r12 = T.Create(K12) * y[9] * y[1], r13 = T.Create(K13) * y[13], r14 = T.Create(K14) * y[0] * y[5], r15 = T.Create(K15) * y[2];
        T r16 = T.Create(K16) * y[3], r17 = T.Create(K17) * y[3], r18 = T.Create(K18) * y[15], r19 = T.Create(K19) * y[15], r20 = T.Create(K20) * y[16] * y[5];
        T r21 = T.Create(K21) * y[18], r22 = T.Create(K22) * y[18], r23 = T.Create(K23) * y[0] * y[3], r24 = T.Create(K24) * y[18] * y[0], r25 = T.Create(K25) * y[19];
        T two = T.Create(2.0);

        dydt[0] = -r1 - r10 - r14 - r23 - r24 + r2 + r3 + r9 + r11 + r12 + r22 + r25;
        dydt[1] = -r2 - r3 - r9 - r12 + r1 + r21;
        dydt[2] = -r15 + r1 + r17 + r19 + r22;
        dydt[3] = -r2 - r16 - r17 - r23 + r15;
        dydt[4] = -r3 + two * r4 + r6 + r7 + r13 + r20;
        dydt[5] = -r6 - r8 - r14 - r20 + r3 + two * r18;
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

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..N].Clear();
}
