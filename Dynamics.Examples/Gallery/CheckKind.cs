using System.Text.Json.Serialization;

namespace Dynamics.Examples.Gallery;

/// <summary>How a <see cref="Check"/> compares its computed value with the expected one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckKind>))]
public enum CheckKind
{
    /// <summary>Two-sided: passed when |computed − expected| ≤ tolerance.</summary>
    [JsonStringEnumMemberName("within")]
    Within,

    /// <summary>One-sided upper bound: passed when computed ≤ expected + tolerance (drifts, residuals, "never above").</summary>
    [JsonStringEnumMemberName("at most")]
    AtMost,

    /// <summary>One-sided lower bound: passed when computed ≥ expected − tolerance ("never below").</summary>
    [JsonStringEnumMemberName("at least")]
    AtLeast,
}
