namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The result of a lockstep solve: final states in the input's layout (component-major, <c>[j * Count + m]</c>), each
/// member's status, and per batch its time, steps and status. Nothing per step is kept unless an
/// <see cref="LockstepOptions.Observer"/> asked for it, so ten million members need only their final states.
/// </summary>
public sealed class LockstepSolution
{
    private readonly double[] _finalStates;
    private readonly SolveStatus[] _memberStatus;
    private readonly LockstepBatchResult[] _batches;
    private readonly int _batchSize;

    internal LockstepSolution(int dimension, int count, int batchSize, double[] finalStates, SolveStatus[] memberStatus, LockstepBatchResult[] batches)
    {
        Dimension = dimension;
        Count = count;
        _batchSize = batchSize;
        _finalStates = finalStates;
        _memberStatus = memberStatus;
        _batches = batches;
        long systemSteps = 0, evaluations = 0;
        foreach (var batch in batches)
        {
            systemSteps += batch.Statistics.AcceptedSteps * batch.Count;
            evaluations += batch.Statistics.RhsEvaluations * batch.Count;
        }

        SystemSteps = systemSteps;
        MemberEvaluations = evaluations;
        foreach (var status in memberStatus)
        {
            if (status is SolveStatus.Success) SucceededCount++;
            else if (status is SolveStatus.Cancelled) CancelledCount++;
        }
    }

    /// <summary>The member dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The number of members.</summary>
    public int Count { get; }

    /// <summary>The final states, component-major: component j of member m at <c>[j * Count + m]</c>.</summary>
    public ReadOnlySpan<double> FinalStates => _finalStates;

    /// <summary>The batches in member order.</summary>
    public IReadOnlyList<LockstepBatchResult> Batches => _batches;

    /// <summary>Accepted steps times members over all batches: the work in system-steps.</summary>
    public long SystemSteps { get; }

    /// <summary>Evaluations of f counted per member (batch evaluations times members).</summary>
    public long MemberEvaluations { get; }

    /// <summary>Members that reached the final time with a finite state.</summary>
    public int SucceededCount { get; }

    /// <summary>Members whose batch was cancelled before it finished.</summary>
    public int CancelledCount { get; }

    /// <summary>True when every member succeeded.</summary>
    public bool IsSuccess => SucceededCount == Count;

    /// <summary>
    /// How member <paramref name="member"/> ended: its batch's status, except that a member of a finished batch whose
    /// state is not finite is <see cref="SolveStatus.NonFiniteState"/> on its own (fixed steps keep members independent).
    /// </summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The status.</returns>
    public SolveStatus Status(int member) => _memberStatus[CheckMember(member)];

    /// <summary>
    /// What the field threw while <paramref name="member"/>'s batch was solved (status
    /// <see cref="SolveStatus.UserCodeFailed"/>; its members' states are then NaN), or null.
    /// </summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The exception, or null.</returns>
    public Exception? Exception(int member) => BatchOf(member).Exception;

    /// <summary>The batch that holds <paramref name="member"/>.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The batch's result.</returns>
    public LockstepBatchResult BatchOf(int member) => _batches[CheckMember(member) / _batchSize];

    /// <summary>Copies member <paramref name="member"/>'s final state.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <param name="state">Receives the n components.</param>
    public void CopyFinalState(int member, Span<double> state)
    {
        CheckMember(member);
        if (state.Length != Dimension)
            throw new ArgumentException($"state has length {state.Length}, but the dimension is {Dimension}.", nameof(state));
        for (int j = 0; j < Dimension; j++) state[j] = _finalStates[j * Count + member];
    }

    private int CheckMember(int member) => (uint)member < (uint)Count ? member
        : throw new ArgumentOutOfRangeException(nameof(member), member, $"member must lie in [0, {Count - 1}], but was {member}.");
}
