using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>The double value a loss gets from its one value formula (<see cref="ILoss.Value{T, TParameters, TVector}"/>).</summary>
public static class LossValue
{
    /// <summary>L(θ) on doubles: the formula on <see cref="ScalarLane"/> with the loss's own parameters.</summary>
    /// <typeparam name="TLoss">The loss type; a struct is inlined.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta">θ, at least d components (the first d are read).</param>
    /// <returns>L(θ).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Evaluate<TLoss>(in TLoss loss, ReadOnlySpan<double> theta) where TLoss : ILoss
    {
        var point = LossGradient.ScalarView(theta[..loss.Dimension]);
        return loss.Value<ScalarLane, BroadcastParameters<ScalarLane>, SpanVector<ScalarLane>>(default, in point).Value;
    }
}
