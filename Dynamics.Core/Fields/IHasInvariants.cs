
namespace Dynamics.Fields;

/// <summary>A model that declares the quantities theory says it conserves or decreases, so analysis can monitor them.</summary>
public interface IHasInvariants
{
    /// <summary>The invariants and Lyapunov functions of the model.</summary>
    IReadOnlyList<Invariant> Invariants { get; }
}
