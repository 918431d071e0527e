namespace Dynamics.Solvers.Ensembles;

/// <summary>How far an ensemble has got, reported through <see cref="IProgress{T}"/> as members finish.</summary>
/// <param name="Completed">Members finished so far (successfully or not).</param>
/// <param name="Total">Members in the ensemble.</param>
public readonly record struct EnsembleProgress(int Completed, int Total)
{
    /// <summary>The finished fraction in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1 : (double)Completed / Total;
}
