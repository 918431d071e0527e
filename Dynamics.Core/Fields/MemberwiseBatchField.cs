using System.Buffers;

namespace Dynamics.Fields;

/// <summary>
/// Adapts any <see cref="IVectorField"/> to <see cref="IBatchVectorField"/>: every member shares the field and is
/// evaluated one at a time (gather its components, call <see cref="IVectorField.Evaluate"/>, scatter the derivative).
/// Exact, but not SIMD: a field written once as an <see cref="ILaneField"/> gets SIMD batches from <see cref="LaneBatchField{TField}"/>.
/// </summary>
/// <typeparam name="TField">The member field type; a struct is devirtualised.</typeparam>
/// <param name="Member">The field every member shares.</param>
public readonly record struct MemberwiseBatchField<TField>(TField Member) : IBatchVectorField where TField : IVectorField
{
    // Larger states borrow pooled buffers (allocation-free once the pool is warm) rather than risk the stack.
    private const int StackLimit = 256;

    /// <inheritdoc/>
    public int Dimension => Member.Dimension;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        int n = Member.Dimension;
        BatchLength.Check(n, y, dydt, count);
        double[]? rented = n > StackLimit ? ArrayPool<double>.Shared.Rent(2 * n) : null;
        Span<double> scratch = rented is null ? stackalloc double[2 * n] : rented.AsSpan(0, 2 * n);
        Span<double> state = scratch[..n], derivative = scratch[n..];
        for (int m = 0; m < count; m++)
        {
            for (int j = 0; j < n; j++) state[j] = y[j * count + m];
            Member.Evaluate(t, state, derivative);
            for (int j = 0; j < n; j++) dydt[j * count + m] = derivative[j];
        }

        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }
}
