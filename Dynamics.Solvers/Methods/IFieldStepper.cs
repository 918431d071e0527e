using Dynamics.Fields;

namespace Dynamics.Solvers.Methods;

/// <summary>A stepper that can start over on another field of the same dimension, keeping its buffers (ensemble workers reuse it).</summary>
internal interface IFieldStepper<in TField> : IStepper where TField : IVectorField
{
    /// <summary>Forgets everything about the previous trajectory, including the evaluation count, and adopts <paramref name="field"/>.</summary>
    void Reset(TField field);
}
