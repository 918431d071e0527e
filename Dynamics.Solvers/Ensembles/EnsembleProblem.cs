using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// An ensemble of independent initial-value problems: <see cref="Count"/> members, member i being the problem that
/// <see cref="MemberProblem"/> returns for i (its own initial state, parameters and time span, with a common dimension).
/// The factory is called once per member, from several threads, and must return the same problem for the same index.
/// </summary>
/// <typeparam name="TField">The members' field type, e.g. <c>Lorenz</c> (a parameter sweep builds one per member).</typeparam>
public sealed class EnsembleProblem<TField> where TField : IVectorField
{
    /// <summary>Creates the ensemble.</summary>
    /// <param name="count">The number of members, at least 1.</param>
    /// <param name="memberProblem">Member i's problem, e.g. <c>i =&gt; OdeProblem.Create(new Lorenz(), starts[i], 0, 10)</c>.</param>
    public EnsembleProblem(int count, Func<int, OdeProblem<TField>> memberProblem)
    {
        Require.AtLeast(count, 1, nameof(count));
        ArgumentNullException.ThrowIfNull(memberProblem);
        Count = count;
        MemberProblem = memberProblem;
    }

    /// <summary>
    /// Creates an ensemble whose members share one field and time span and differ only in their initial states, as a
    /// grid of starts or a particle system does (what <see cref="EnsembleStrategy.Lockstep"/> needs, handed over without
    /// building a problem per member).
    /// </summary>
    /// <param name="field">The field every member shares.</param>
    /// <param name="initialStates">y₀ of every member, member-major: component j of member m at <c>[m·n + j]</c>; finite, a positive multiple of n long.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time (before t₀ integrates backwards).</param>
    public EnsembleProblem(TField field, ReadOnlySpan<double> initialStates, double startTime, double endTime)
    {
        if (field is null) throw new ArgumentNullException(nameof(field));
        int n = field.Dimension;
        Require.AtLeast(n, 1, "field.Dimension");
        if (initialStates.IsEmpty || initialStates.Length % n != 0)
            throw new ArgumentException($"initialStates has length {initialStates.Length}, which is not a positive multiple of the dimension {n}.", nameof(initialStates));
        Require.AllFinite(initialStates, nameof(initialStates));
        Require.Finite(startTime, nameof(startTime));
        Require.Finite(endTime, nameof(endTime));
        if (startTime == endTime)
            throw new ArgumentException($"The time span is empty: startTime and endTime are both {Require.Format(startTime)}.", nameof(endTime));
        var states = initialStates.ToArray();
        Count = states.Length / n;
        Shared = new SharedMembers(field, states, startTime, endTime);
        MemberProblem = member => OdeProblem.Create(field, states.AsSpan(member * n, n), startTime, endTime);
    }

    /// <summary>The number of members.</summary>
    public int Count { get; }

    /// <summary>The factory of member problems.</summary>
    public Func<int, OdeProblem<TField>> MemberProblem { get; }

    /// <summary>The shared field, member-major initial states and time span, when the ensemble was created from them.</summary>
    internal SharedMembers? Shared { get; }

    /// <summary>One field and time span for all members, which differ in their initial states (member-major).</summary>
    internal sealed record SharedMembers(TField Field, double[] InitialStates, double StartTime, double EndTime);

    /// <summary>Member <paramref name="member"/>'s problem, checked against the ensemble's dimension.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <param name="dimension">The dimension every member must have.</param>
    /// <returns>The problem.</returns>
    internal OdeProblem<TField> Member(int member, int dimension)
    {
        var problem = MemberProblem(member)
            ?? throw new ArgumentException($"memberProblem returned null for member {member}.", nameof(MemberProblem));
        if (problem.Dimension != dimension)
            throw new ArgumentException(
                $"memberProblem gave member {member} dimension {problem.Dimension}, but member 0 has dimension {dimension}; every member must have the same dimension.",
                nameof(MemberProblem));
        return problem;
    }
}
