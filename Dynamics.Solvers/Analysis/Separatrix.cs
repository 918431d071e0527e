using Dynamics.Analysis;

namespace Dynamics.Solvers.Analysis;

/// <summary>One branch of a one-dimensional stable or unstable manifold of a saddle.</summary>
/// <param name="Saddle">The saddle it belongs to.</param>
/// <param name="Kind">Stable (flows into the saddle) or unstable (flows out).</param>
/// <param name="Eigenvalue">The real eigenvalue whose eigenvector it leaves along (negative for stable, positive for unstable).</param>
/// <param name="Branch">+1 or −1: the side of the saddle, along +v or −v for the unit eigenvector v.</param>
/// <param name="Path">The branch, ordered in the direction of the flow (so a stable branch ends at the saddle).</param>
/// <param name="Status">How its solve ended (an early stop on leaving the window is <see cref="SolveStatus.StoppedByEvent"/>).</param>
public sealed record Separatrix(FixedPoint Saddle, ManifoldKind Kind, double Eigenvalue, int Branch, Trajectory Path, SolveStatus Status);
