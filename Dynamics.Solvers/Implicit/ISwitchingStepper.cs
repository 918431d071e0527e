namespace Dynamics.Solvers.Implicit;

/// <summary>A stepper that changes method during a solve and records when (read by the solution recorder).</summary>
internal interface ISwitchingStepper
{
    IReadOnlyList<MethodSwitch> Switches { get; }
}
