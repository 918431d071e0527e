using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// A loss with friction, θ̈ + λ(t)θ̇ = −∇L(θ), as the state (θ, η) with θ̇ = η (<see cref="HeavyBallFlow{TLoss}"/>,
/// <see cref="NesterovFlow{TLoss}"/>): the state's labels and the derivative's layout live here, the energy
/// ½‖η‖² + L in <see cref="FlowInvariants.EnergyInvariant{TLoss}"/>, and each flow supplies only its law
/// η̇ = a(η, ∇L) as an <see cref="IFrictionLaw{T}"/>.
/// </summary>
internal static class FrictionFlow
{
    /// <summary>θ₁…θ_d then η₁…η_d.</summary>
    public static IReadOnlyList<string> ComponentNames(int dimension) =>
        [.. ComponentLabels.Indexed("θ", dimension), .. ComponentLabels.Indexed("η", dimension)];

    /// <summary>θ̇ = η and η̇ = <paramref name="law"/>(η, ∇L), the loss reading its parameters from index 1 on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Derivative<TLoss, T, TParameters, TVector, TLaw>(in TLoss loss, in TParameters parameters, in TVector y, ref TVector dydt, in TLaw law)
        where TLoss : ILoss
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
        where TLaw : struct, IFrictionLaw<T>
    {
        // The flow's friction is parameter 0, the loss's follow. The gradient is written into the θ block first and consumed there.
        int d = loss.Dimension;
        loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 1), in y, ref dydt);
        for (int i = 0; i < d; i++)
        {
            T g = dydt[i], v = y[d + i];
            dydt[i] = v;
            dydt[d + i] = law.Acceleration(v, g);
        }
    }
}

/// <summary>The acceleration η̇ of a <see cref="FrictionFlow"/> from the velocity η and the gradient ∇L, component by component.</summary>
/// <typeparam name="T">The number type (a lane of the field).</typeparam>
internal interface IFrictionLaw<T> where T : struct, IFieldNumber<T>
{
    /// <summary>η̇ᵢ from ηᵢ and (∇L)ᵢ.</summary>
    T Acceleration(T velocity, T gradient);
}
