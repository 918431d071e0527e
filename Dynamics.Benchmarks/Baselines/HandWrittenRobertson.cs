using Dynamics.Fields;
using Dynamics.Models.Stiff;

namespace Dynamics.Benchmarks.Baselines;

/// <summary>
/// Robertson with its hand-written Jacobian, which the library replaced by automatic differentiation of the model's
/// one formula: kept only as the baseline of <see cref="StiffJacobianBenchmarks"/>.
/// </summary>
/// <param name="Model">The model whose rates and right-hand side are used.</param>
public readonly record struct HandWrittenRobertson(Robertson Model) : IJacobianField, ITimeDerivativeField
{
    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => Model.Evaluate(t, y, dydt);

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        jacobian[0] = -Model.K1;
        jacobian[1] = Model.K3 * y[2];
        jacobian[2] = Model.K3 * y[1];
        jacobian[3] = Model.K1;
        jacobian[4] = -Model.K3 * y[2] - 2 * Model.K2 * y[1];
        jacobian[5] = -Model.K3 * y[1];
        jacobian[6] = 0;
        jacobian[7] = 2 * Model.K2 * y[1];
        jacobian[8] = 0;
    }

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..3].Clear();
}
