using Dynamics.Fields;

namespace Dynamics.Models.Stiff;

/// <summary>
/// HIRES, Schäfer's "High Irradiance RESponse" of plant morphogenesis (Schäfer 1975; Hairer &amp; Wanner II, §IV.10;
/// problem HIRES of the Test Set): eight linear-plus-one-bilinear reaction equations (the 280·y₆y₈ term) with
/// y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057) on t ∈ [0, 321.8122].
/// </summary>
public readonly record struct Hires : IModel, IJacobianField, ITimeDerivativeField
{
    /// <summary>The initial state.</summary>
    public static IReadOnlyList<double> InitialState { get; } = [1.0, 0, 0, 0, 0, 0, 0, 0.0057];

    /// <summary>The end time 321.8122.</summary>
    public const double EndTime = 321.8122;

    /// <summary>The Test Set's reference at t = 321.8122 (Mazzia &amp; Magherini, hires.f, RADAU5 with uround 1.01e-19).</summary>
    public static IReadOnlyList<double> ReferenceAtEnd { get; } =
    [
        0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
        0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
    ];

    /// <inheritdoc/>
    public int Dimension => 8;

    /// <inheritdoc/>
    public string Name => "HIRES";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("y", 8);

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double bilinear = 280 * y[5] * y[7];
        dydt[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
        dydt[1] = 1.71 * y[0] - 8.75 * y[1];
        dydt[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
        dydt[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
        dydt[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
        dydt[5] = -bilinear + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
        dydt[6] = bilinear - 1.81 * y[6];
        dydt[7] = -bilinear + 1.81 * y[6];
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        jacobian[..64].Clear();
        Set(jacobian, 0, 0, -1.71); Set(jacobian, 0, 1, 0.43); Set(jacobian, 0, 2, 8.32);
        Set(jacobian, 1, 0, 1.71); Set(jacobian, 1, 1, -8.75);
        Set(jacobian, 2, 2, -10.03); Set(jacobian, 2, 3, 0.43); Set(jacobian, 2, 4, 0.035);
        Set(jacobian, 3, 1, 8.32); Set(jacobian, 3, 2, 1.71); Set(jacobian, 3, 3, -1.12);
        Set(jacobian, 4, 4, -1.745); Set(jacobian, 4, 5, 0.43); Set(jacobian, 4, 6, 0.43);
        Set(jacobian, 5, 3, 0.69); Set(jacobian, 5, 4, 1.71); Set(jacobian, 5, 5, -0.43 - 280 * y[7]); Set(jacobian, 5, 6, 0.69);
        Set(jacobian, 5, 7, -280 * y[5]);
        Set(jacobian, 6, 5, 280 * y[7]); Set(jacobian, 6, 6, -1.81); Set(jacobian, 6, 7, 280 * y[5]);
        Set(jacobian, 7, 5, -280 * y[7]); Set(jacobian, 7, 6, 1.81); Set(jacobian, 7, 7, -280 * y[5]);
    }

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..8].Clear();

    private static void Set(Span<double> jacobian, int row, int column, double value) => jacobian[row * 8 + column] = value;
}
