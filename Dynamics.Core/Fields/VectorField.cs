namespace Dynamics.Fields;

/// <summary>Factory helpers for vector fields.</summary>
public static class VectorField
{
    /// <summary>
    /// Creates a field from a delegate, e.g.
    /// <c>VectorField.Create(2, (t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0]; })</c>.
    /// </summary>
    /// <param name="dimension">The state dimension (at least 1).</param>
    /// <param name="function">The right-hand side f(t, y).</param>
    /// <param name="name">A display name used in titles and messages.</param>
    /// <returns>The field.</returns>
    public static DelegateVectorField Create(int dimension, FieldFunction function, string name = "f(t, y)") =>
        new(dimension, function, name);
}
