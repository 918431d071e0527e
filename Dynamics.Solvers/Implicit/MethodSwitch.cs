namespace Dynamics.Solvers.Implicit;

/// <summary>A hand-over between the non-stiff and the stiff method of an <see cref="AutoSwitch"/> solve.</summary>
/// <param name="Time">The time at which the new method takes its first step.</param>
/// <param name="Method">The name of the method that takes over.</param>
/// <param name="ToStiff">True for a switch to the stiff method, false for a switch back.</param>
/// <param name="StiffnessRatio">The h·ρ estimate that triggered the switch (h times the dominant eigenvalue's modulus).</param>
public readonly record struct MethodSwitch(double Time, string Method, bool ToStiff, double StiffnessRatio);
