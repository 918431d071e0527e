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

    /// <summary>The number of members.</summary>
    public int Count { get; }

    /// <summary>The factory of member problems.</summary>
    public Func<int, OdeProblem<TField>> MemberProblem { get; }

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
