namespace Dynamics.Solvers.Ensembles;

/// <summary>Whether a lane workspace notes the stage it is evaluating; a struct type argument, so the JIT drops the test.</summary>
internal interface IStageTracking
{
    static abstract bool Enabled { get; }
}

/// <summary>The step loop: nothing noted.</summary>
internal readonly struct NoStageTracking : IStageTracking
{
    public static bool Enabled => false;
}

/// <summary>Replaying a failed attempt to find the stage whose kernel call threw.</summary>
internal readonly struct StageTracking : IStageTracking
{
    public static bool Enabled => true;
}
