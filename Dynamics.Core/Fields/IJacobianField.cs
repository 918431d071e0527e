namespace Dynamics.Fields;

/// <summary>
/// A vector field that knows its Jacobian ∂f/∂y exactly, in closed form or by automatic differentiation of its one formula
/// (<see cref="LaneField.Jacobian{TField}"/>); analysis and the stiff solvers use it instead of finite differences.
/// </summary>
public interface IJacobianField : IVectorField
{
    /// <summary>Writes ∂fᵢ/∂yⱼ at (t, y) into <paramref name="jacobian"/>, row-major (entry i·n + j).</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="jacobian">Receives the n × n matrix, row-major.</param>
    void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);
}
