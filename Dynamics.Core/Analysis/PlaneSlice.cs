using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Analysis;

/// <summary>
/// How an n-dimensional field is portrayed in a plane: the pair of components drawn on the axes
/// (<see cref="XComponent"/>, <see cref="YComponent"/>), the values at which every other component is held
/// (<see cref="BaseState"/>) and the time at which a non-autonomous field is frozen. A point (x, y) of the plane is the
/// state <see cref="BaseState"/> with components XComponent and YComponent replaced by x and y; the field there is
/// projected onto the same pair. For a planar field the slice is the whole phase plane.
/// </summary>
public sealed class PlaneSlice
{
    private readonly double[] _baseState;

    /// <summary>Creates a slice.</summary>
    /// <param name="dimension">The field's dimension n (at least 2).</param>
    /// <param name="xComponent">The component on the horizontal axis.</param>
    /// <param name="yComponent">The component on the vertical axis, different from <paramref name="xComponent"/>.</param>
    /// <param name="baseState">The values of the other components (length n, finite); null means all zero. Copied.</param>
    /// <param name="time">The time at which the field is evaluated (finite).</param>
    public PlaneSlice(int dimension, int xComponent = 0, int yComponent = 1, double[]? baseState = null, double time = 0)
    {
        Require.AtLeast(dimension, 2, nameof(dimension));
        Require.Component(xComponent, dimension, nameof(xComponent));
        Require.Component(yComponent, dimension, nameof(yComponent));
        if (xComponent == yComponent)
            throw new ArgumentException($"xComponent and yComponent must differ, but both are {xComponent}.", nameof(yComponent));
        if (baseState is not null)
        {
            Require.Length(baseState.Length, dimension, nameof(baseState));
            Require.AllFinite(baseState, nameof(baseState));
        }

        Require.Finite(time, nameof(time));
        Dimension = dimension;
        XComponent = xComponent;
        YComponent = yComponent;
        _baseState = baseState is null ? new double[dimension] : (double[])baseState.Clone();
        Time = time;
    }

    /// <summary>The field's dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The component on the horizontal axis.</summary>
    public int XComponent { get; }

    /// <summary>The component on the vertical axis.</summary>
    public int YComponent { get; }

    /// <summary>The values of the components not drawn (the drawn two are overwritten by the plane point).</summary>
    public ReadOnlySpan<double> BaseState => _baseState;

    /// <summary>The time at which the field is evaluated.</summary>
    public double Time { get; }

    /// <summary>The whole phase plane of a planar field (components 0 and 1 at time 0).</summary>
    /// <param name="field">A field of dimension 2.</param>
    /// <returns>The slice.</returns>
    public static PlaneSlice Of(IVectorField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Dimension != 2)
            throw new ArgumentException(
                $"field has dimension {field.Dimension}; a field of more than two dimensions needs an explicit PlaneSlice naming the two components drawn and the values of the others.",
                nameof(field));
        return new PlaneSlice(2);
    }

    /// <summary>Writes the full state of plane point (x, y) into <paramref name="state"/>.</summary>
    /// <param name="x">The horizontal coordinate.</param>
    /// <param name="y">The vertical coordinate.</param>
    /// <param name="state">Receives the state, length n.</param>
    public void Lift(double x, double y, Span<double> state)
    {
        _baseState.CopyTo(state);
        state[XComponent] = x;
        state[YComponent] = y;
    }

    /// <summary>The full state of plane point (x, y) as a new array.</summary>
    /// <param name="x">The horizontal coordinate.</param>
    /// <param name="y">The vertical coordinate.</param>
    /// <returns>The state.</returns>
    public double[] Lift(double x, double y)
    {
        var state = new double[Dimension];
        Lift(x, y, state);
        return state;
    }

    /// <summary>Checks that <paramref name="field"/> has this slice's dimension.</summary>
    /// <param name="field">The field.</param>
    /// <param name="name">The field's parameter name for the message.</param>
    public void Validate(IVectorField field, string name)
    {
        ArgumentNullException.ThrowIfNull(field, name);
        if (field.Dimension != Dimension)
            throw new ArgumentException($"{name} has dimension {field.Dimension}, but the slice was made for dimension {Dimension}.", name);
    }
}
