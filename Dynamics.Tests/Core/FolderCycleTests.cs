using System.Reflection;
using System.Reflection.Emit;
using Dynamics.Fields;
using Dynamics.Solvers;

namespace Dynamics.Tests.Core;

/// <summary>
/// No two folders of Dynamics.Core and Dynamics.Solvers depend on each other, directly or through others. Namespaces
/// follow folders, so the dependency graph is read from the compiled code: every type a type names in its signatures
/// (base type, interfaces, fields, properties, parameters, results, generic constraints) or in its method bodies (the
/// type, method and field tokens of the IL). A folder may use its parent's types (a project's root holds its facade,
/// e.g. <c>Ode</c>, <c>Solution</c>, which every folder of the project speaks), so edges to an enclosing namespace are
/// not counted; every other edge is.
/// </summary>
public class FolderCycleTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_folder_depends_on_a_folder_that_depends_on_it()
    {
        var graph = DependencyGraph([typeof(IVectorField).Assembly, typeof(Ode).Assembly]);
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles.Select(c => Explain(graph, c))));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_and_only_a_cycle()
    {
        // A → B → C → A is one component; D → A hangs off it.
        var graph = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "a→b" },
            ["B"] = new() { ["C"] = "b→c" },
            ["C"] = new() { ["A"] = "c→a" },
            ["D"] = new() { ["A"] = "d→a" },
        };
        var components = StronglyConnected(graph);
        Assert.Equal(["A", "B", "C"], Assert.Single(components, c => c.Count > 1).Order());
        Assert.Contains(components, c => c.SequenceEqual(["D"]));
    }

    [Fact]
    public void Method_bodies_count_as_dependencies()
    {
        // FixedPoints (Dynamics.Analysis) calls Jacobian.At only inside a method body; the scan must see the edge to Fields.
        var graph = DependencyGraph([typeof(IVectorField).Assembly]);
        Assert.Contains("Dynamics.Fields", graph["Dynamics.Analysis"].Keys);
        Assert.Contains("Dynamics.Simd", graph["Dynamics.Fields"].Keys);
    }

    private static string Explain(Dictionary<string, Dictionary<string, string>> graph, List<string> cycle)
    {
        var members = cycle.ToHashSet();
        var edges = cycle.SelectMany(from => graph[from].Where(e => members.Contains(e.Key)).Select(e => $"  {from} → {e.Key} (e.g. {e.Value})"));
        return string.Join(" ↔ ", cycle) + "\n" + string.Join("\n", edges);
    }

    /// <summary>Namespace → namespace it uses → one example of the use ("Type uses Type").</summary>
    private static Dictionary<string, Dictionary<string, string>> DependencyGraph(Assembly[] assemblies)
    {
        var ours = assemblies.ToHashSet();
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            // Compiler-generated helpers in the global namespace belong to no folder.
            if (type.Namespace is not { } from) continue;
            if (!graph.TryGetValue(from, out var edges)) graph[from] = edges = [];
            foreach (var used in UsedTypes(type))
            {
                if (!ours.Contains(used.Assembly) || used.Namespace is not { } to || to == from) continue;
                if (from.StartsWith(to + ".", StringComparison.Ordinal)) continue;
                edges.TryAdd(to, $"{type.Name} uses {used.Name}");
            }
        }

        return graph;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new HashSet<Type>();
        // Every type met, so a self-referential constraint (TSelf : IFieldNumber<TSelf>) is followed once.
        var seen = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !seen.Add(t)) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter)
            {
                foreach (var constraint in t.GetGenericParameterConstraints()) Add(constraint);
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments()) Add(argument);
                t = t.GetGenericTypeDefinition();
            }

            found.Add(t);
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        if (type.IsGenericTypeDefinition) foreach (var p in type.GetGenericArguments()) Add(p);
        foreach (var f in type.GetFields(all)) Add(f.FieldType);
        foreach (var p in type.GetProperties(all)) Add(p.PropertyType);
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
                if (info.IsGenericMethodDefinition) foreach (var p in info.GetGenericArguments()) Add(p);
            }

            foreach (var p in method.GetParameters()) Add(p.ParameterType);
            foreach (var token in BodyTokens(method)) Add(token);
        }

        return found;
    }

    /// <summary>The types a method body names: every type, field and method token of its IL, resolved.</summary>
    private static IEnumerable<Type?> BodyTokens(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            int size = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                int token = BitConverter.ToInt32(il, i);
                MemberInfo? member = null;
                try
                {
                    member = module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token into another module's generic context the resolver cannot bind: its owner is named elsewhere too.
                }

                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType; yield return f.FieldType; break;
                    case MethodBase m:
                        yield return m.DeclaringType;
                        if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                        break;
                }
            }

            i += size;
        }
    }

    /// <summary>Tarjan's strongly connected components; each component's members in discovery order.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var edges) ? edges.Keys.ToList() : [])
            {
                if (!index.TryGetValue(w, out int seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            }
            while (x != v);
            components.Add(component);
        }

        foreach (var v in graph.Keys.ToList()) if (!index.ContainsKey(v)) Visit(v);
        return components;
    }
}
