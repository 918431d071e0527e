namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Folds members' outcomes into one value without keeping them (e.g. a histogram of final states, a mean, a count of
/// escapes), so an ensemble of any size needs memory only for the accumulators. Members are added in index order within
/// a block and blocks are combined in order, so a deterministic reducer gives the same value for any thread count.
/// Methods may be called from several threads at once, each on its own accumulator.
/// </summary>
/// <typeparam name="TAccumulator">The partial result.</typeparam>
public interface IEnsembleReducer<TAccumulator>
{
    /// <summary>An empty accumulator.</summary>
    /// <returns>The identity of <see cref="Combine"/>.</returns>
    TAccumulator CreateAccumulator();

    /// <summary>Adds one member's outcome.</summary>
    /// <param name="accumulator">The partial result so far.</param>
    /// <param name="member">The member's index.</param>
    /// <param name="outcome">How the member ended (time, state, status, work).</param>
    /// <returns>The updated partial result.</returns>
    TAccumulator Add(TAccumulator accumulator, int member, in EnsembleMemberOutcome outcome);

    /// <summary>Combines two partial results, the left one covering earlier members.</summary>
    /// <param name="left">Earlier members.</param>
    /// <param name="right">Later members.</param>
    /// <returns>The combination.</returns>
    TAccumulator Combine(TAccumulator left, TAccumulator right);
}
