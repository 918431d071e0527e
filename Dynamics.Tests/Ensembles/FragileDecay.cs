using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Tests.Ensembles;

/// <summary>y' = −rate·y, y(t) = y₀e^(−rate·t), whose f throws once y falls below <see cref="Limit"/> (−∞: never).</summary>
public readonly record struct FragileDecay(double Rate, double Limit) : IVectorField
{
    public int Dimension => 1;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        if (y[0] < Limit) throw new InvalidOperationException($"y = {y[0]} fell below {Limit}.");
        dydt[0] = -Rate * y[0];
    }
}

/// <summary><see cref="FragileDecay"/> in SIMD lanes: the kernel throws when any lane's y is below its limit.</summary>
public readonly struct FragileDecayLanes : ILaneVectorField<FragileDecay>
{
    public static int MemberDimension => 1;

    public static int ParameterCount => 2;

    public static void WriteParameters(in FragileDecay member, Span<double> parameters)
    {
        parameters[0] = member.Rate;
        parameters[1] = member.Limit;
    }

    public static void EvaluateLanes<TLane>(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
        where TLane : struct, ILane<TLane>
    {
        var value = TLane.Load(y, 0);
        Span<double> values = stackalloc double[TLane.Count];
        value.Store(values, 0);
        for (int lane = 0; lane < TLane.Count; lane++)
        {
            if (values[lane] < parameters[TLane.Count + lane]) throw new InvalidOperationException($"y = {values[lane]} fell below {parameters[TLane.Count + lane]}.");
        }

        (-TLane.Load(parameters, 0) * value).Store(dydt, 0);
    }
}

/// <summary>y' = −y for a batch, throwing when any member's y falls below <paramref name="limit"/>.</summary>
public sealed class FragileDecayBatch(double limit) : IBatchVectorField
{
    public int Dimension => 1;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        for (int m = 0; m < count; m++)
        {
            if (y[m] < limit) throw new InvalidOperationException($"member {m} of the batch: y = {y[m]} fell below {limit}.");
            dydt[m] = -y[m];
        }
    }
}
