using Dynamics.Validation;

namespace Dynamics.Fields;

/// <summary>A vector field defined by a delegate, for quick experiments; see <see cref="VectorField.Create"/>.</summary>
public sealed class DelegateVectorField : IVectorField
{
    private readonly FieldFunction _function;

    /// <summary>Wraps <paramref name="function"/> as a field of the given dimension.</summary>
    /// <param name="dimension">The state dimension (at least 1).</param>
    /// <param name="function">The right-hand side f(t, y).</param>
    /// <param name="name">A display name used in titles and messages.</param>
    public DelegateVectorField(int dimension, FieldFunction function, string name = "f(t, y)")
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        ArgumentNullException.ThrowIfNull(function);
        Dimension = dimension;
        _function = function;
        Name = name;
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The display name given at construction.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => _function(t, y, dydt);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
