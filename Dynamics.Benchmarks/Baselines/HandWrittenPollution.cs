using Dynamics.Fields;
using Dynamics.Models.Stiff;

namespace Dynamics.Benchmarks.Baselines;

/// <summary>
/// POLLU with the hand-written sparse Jacobian of the Test Set's pollu.f, which the library replaced by automatic
/// differentiation of the model's one formula: kept only as the baseline of <see cref="StiffJacobianBenchmarks"/>.
/// </summary>
public readonly record struct HandWrittenPollution : IJacobianField, ITimeDerivativeField
{
    private const int N = 20;
    private const double K1 = 0.35, K2 = 26.6, K3 = 1.23e4, K4 = 8.6e-4, K5 = 8.2e-4, K6 = 1.5e4, K7 = 1.3e-4, K8 = 2.4e4, K9 = 1.65e4,
        K10 = 9.0e3, K11 = 2.2e-2, K12 = 1.2e4, K13 = 1.88, K14 = 1.63e4, K15 = 4.8e6, K16 = 3.5e-4, K17 = 1.75e-2, K18 = 1.0e8,
        K19 = 4.44e11, K20 = 1.24e3, K21 = 2.1, K22 = 5.78, K23 = 4.74e-2, K24 = 1.78e3, K25 = 3.12;

    /// <inheritdoc/>
    public int Dimension => N;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => new Pollution().Evaluate(t, y, dydt);

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
