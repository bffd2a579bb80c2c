using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>
/// Compiles one model's decision requirements graph (and, recursively, the models it imports): every decision, BKM and
/// decision service becomes a compiled object whose frame slots are its requirements.
/// </summary>
internal sealed class DrgCompiler
{
    private readonly Dictionary<string, DrgCompiler> _importsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledDecision> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BkmFunction> _bkms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecisionServiceFunction> _services = new(StringComparer.Ordinal);
    private readonly List<string> _problems;

    public DrgCompiler(DmnDefinitions model, IReadOnlyList<DmnDefinitions> available, DecisionCounter counter, List<string> problems, int depth = 0)
    {
        Model = model;
        _problems = problems;
        var importTypes = new Dictionary<string, DmnTypeSystem>(StringComparer.Ordinal);
        foreach (var import in model.Imports)
        {
            var target = available.FirstOrDefault(m => m.Namespace == import.Namespace);
            if (target is null || depth > 8)
            {
                problems.Add($"Import '{import.Name}' ({import.Namespace}) is not available.");
                continue;
            }

            var compiler = new DrgCompiler(target, available, counter, problems, depth + 1);
            _importsByNamespace[import.Namespace] = compiler;
            importTypes[import.Name] = compiler.Types;
        }

        Types = new DmnTypeSystem(model, importTypes);
        foreach (var decision in model.Decisions)
        {
            _decisions[decision.Id ?? decision.Name] = new CompiledDecision(decision, counter.Next());
        }

        foreach (var bkm in model.BusinessKnowledgeModels)
        {
            var parameters = bkm.EncapsulatedLogic?.Parameters ?? [];
            _bkms[bkm.Id ?? bkm.Name] = new BkmFunction(bkm.Name, [.. parameters.Select(p => p.Name)], [.. parameters.Select(p => Types.Resolve(p.TypeRef, _problems))]);
        }

        foreach (var service in model.DecisionServices)
        {
            _services[service.Id ?? service.Name] = new DecisionServiceFunction(service.Name, counter);
        }
    }

    public DmnDefinitions Model { get; }

    public DmnTypeSystem Types { get; }

    public IEnumerable<CompiledDecision> Decisions => _decisions.Values;

    public IEnumerable<BkmFunction> Bkms => _bkms.Values;

    public IEnumerable<DecisionServiceFunction> Services => _services.Values;

    /// <summary>Compiles every element's logic; call once after construction (elements refer to each other).</summary>
    public void CompileAll()
    {
        foreach (var imported in _importsByNamespace.Values)
        {
            imported.CompileAll();
        }

        foreach (var decision in Model.Decisions)
        {
            CompileDecision(decision);
        }

        ReportCycles();

        foreach (var bkm in Model.BusinessKnowledgeModels)
        {
            CompileBkm(bkm);
        }

        foreach (var service in Model.DecisionServices)
        {
            CompileService(service);
        }
    }

    /// <summary>Reports each information-requirement cycle at compile time; at run time a decision on one evaluates to null.</summary>
    private void ReportCycles()
    {
        var finished = new Dictionary<CompiledDecision, bool>();
        var path = new List<CompiledDecision>();
        foreach (var decision in _decisions.Values)
        {
            Visit(decision);
        }

        void Visit(CompiledDecision decision)
        {
            if (finished.TryGetValue(decision, out var done))
            {
                if (!done)
                {
                    var cycle = path.Skip(path.IndexOf(decision)).Append(decision).Select(d => $"'{d.Name}'");
                    _problems.Add($"The decisions {string.Join(" -> ", cycle)} require each other in a cycle.");
                }

                return;
            }

            if (path.Count >= FeelEvaluationContext.MaxCallDepth)
            {
                // Evaluation refuses such a chain too (it counts as nested calls); following it could exhaust the stack.
                _problems.Add($"Decision '{decision.Name}' is required through more than {FeelEvaluationContext.MaxCallDepth} levels of decisions.");
                return;
            }

            finished[decision] = false;
            path.Add(decision);
            foreach (var slot in decision.Slots.OfType<DecisionSlot>())
            {
                Visit(slot.Decision);
            }

            path.RemoveAt(path.Count - 1);
            finished[decision] = true;
        }
    }

    public CompiledDecision? FindDecision(string name) => _decisions.Values.FirstOrDefault(d => d.Name == name);

    public FeelFunction? FindFunction(string name) =>
        (FeelFunction?)_bkms.Values.FirstOrDefault(b => b.Name == name) ?? _services.Values.FirstOrDefault(s => s.Name == name);

    private void CompileDecision(Decision decision)
    {
        var compiled = _decisions[decision.Id ?? decision.Name];
        var slots = new List<RequirementSlot>();
        foreach (var requirement in decision.InformationRequirements)
        {
            if (Requirement(requirement.Required, decision.Name) is { } slot)
            {
                slots.Add(slot);
            }
        }

        foreach (var requirement in decision.KnowledgeRequirements)
        {
            if (Requirement(requirement.RequiredKnowledge, decision.Name) is { } slot)
            {
                slots.Add(slot);
            }
        }

        compiled.Slots = [.. slots];
        compiled.Type = Types.Resolve(decision.Variable.TypeRef, _problems);
        if (decision.Expression is { } expression)
        {
            var scope = new Scope(null, [.. slots.Select(s => s.Name)]) { TypeResolver = n => Types.Resolve(n) };
            compiled.Body = new BoxedCompiler(Types, _problems, decision.Name).Compile(expression, scope);
        }
    }

    private void CompileBkm(BusinessKnowledgeModel bkm)
    {
        var function = _bkms[bkm.Id ?? bkm.Name];
        var slots = bkm.KnowledgeRequirements.Select(r => Requirement(r.RequiredKnowledge, bkm.Name)).OfType<FunctionSlot>().ToArray();
        function.RequirementValues = [.. slots.Select(s => (object?)s.Function)];
        function.ResultType = ResultOf(Types.Resolve(bkm.Variable.TypeRef, _problems));
        if (bkm.EncapsulatedLogic is { } logic)
        {
            function.ResultType ??= Types.Resolve(logic.TypeRef ?? logic.Body?.TypeRef, _problems);
            var outer = new Scope(null, [.. slots.Select(s => s.Name)]) { TypeResolver = n => Types.Resolve(n) };
            var inner = new Scope(outer, [.. function.ParameterNames]);
            if (logic.Kind != FunctionKind.Feel)
            {
                function.Body = env => env.Context.Null($"{logic.Kind} functions are not supported.");
            }
            else if (logic.Body is { } body)
            {
                function.Body = new BoxedCompiler(Types, _problems, bkm.Name).Compile(body, inner);
            }
        }
    }

    private void CompileService(DecisionService service)
    {
        var function = _services[service.Id ?? service.Name];
        function.InputDecisions = [.. service.InputDecisions.Select(h => Resolve(h, service.Name)).OfType<DecisionSlot>().Select(s => s.Decision)];
        function.InputData = [.. service.InputData.Select(h => Resolve(h, service.Name)).OfType<InputSlot>()];
        function.OutputDecisions = [.. service.OutputDecisions.Select(h => Resolve(h, service.Name)).OfType<DecisionSlot>().Select(s => s.Decision)];
        if (function.OutputDecisions.Count == 1)
        {
            function.ResultType = ResultOf(Types.Resolve(service.Variable.TypeRef, _problems)) ?? function.OutputDecisions[0].Type;
        }
    }

    /// <summary>The result type of a function type, also when an item definition names it.</summary>
    private static FeelType? ResultOf(FeelType? type) => type switch
    {
        FunctionType f => f.Result,
        ItemDefinitionType { Structure: FunctionType f } => f.Result,
        _ => null,
    };

    /// <summary>The slot an href of <paramref name="owner"/> fills; names from imports are qualified with the import's name.</summary>
    private RequirementSlot? Requirement(DmnHref href, string owner) => Resolve(href, owner);

    private RequirementSlot? Resolve(DmnHref href, string owner, string prefix = "")
    {
        if (!href.IsLocalTo(Model.Namespace))
        {
            var import = Model.FindImport(href);
            if (import is not null && _importsByNamespace.TryGetValue(import.Namespace, out var imported))
            {
                return imported.Resolve(new DmnHref { Id = href.Id }, owner, string.IsNullOrEmpty(import.Name) ? "" : import.Name + ".");
            }

            _problems.Add($"'{owner}' requires '{href}', which is in no available import.");
            return null;
        }

        var id = href.Id;
        if (_decisions.TryGetValue(id, out var decision))
        {
            return new DecisionSlot(prefix + decision.Name, decision);
        }

        if (_bkms.TryGetValue(id, out var bkm))
        {
            return new FunctionSlot(prefix + bkm.Name, bkm);
        }

        if (_services.TryGetValue(id, out var service))
        {
            return new FunctionSlot(prefix + service.Name, service);
        }

        if (Model.InputData.FirstOrDefault(i => i.Id == id) is { } input)
        {
            return new InputSlot(prefix + input.Name, Types.Resolve(input.Variable.TypeRef, _problems));
        }

        _problems.Add($"'{owner}' requires '#{id}', which does not exist.");
        return null;
    }
}
