using System.Text;

namespace Tsunagu.Rules.Feel.Builtins;

internal static partial class XPathRegex
{
    /// <summary>Single pass over an XSD regex, writing the .NET equivalent; stops at the first error.</summary>
    private sealed class Translator(string pattern, bool dotAll, bool multiline)
    {
        private readonly StringBuilder _out = new(pattern.Length + 16);
        private readonly Stack<int> _open = new();
        private readonly HashSet<int> _closed = [];
        private int _pos;
        private int _groups;
        private string? _error;

        public string? Run(out string? error)
        {
            while (_error is null && _pos < pattern.Length)
            {
                Atom();
            }

            if (_error is null && _open.Count > 0)
            {
                _error = "unclosed group";
            }

            error = _error;
            return _error is null ? _out.ToString() : null;
        }

        private void Atom()
        {
            var c = pattern[_pos++];
            switch (c)
            {
                case '\\':
                    Escape(inClass: false);
                    break;
                case '[':
                    _out.Append('[');
                    CharClass();
                    break;
                case '.':
                    _out.Append("(?:").Append(Surrogate).Append(dotAll ? @"|[\s\S])" : @"|[^\n\r])");
                    break;
                case '$':
                    // Without m, XPath's $ is the very end of the string; .NET's would also match before a final newline.
                    _out.Append(multiline ? "$" : @"\z");
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    CloseGroup();
                    break;
                case '{':
                    Quantifier();
                    break;
                case ']' or '}':
                    _error = $"unescaped '{c}'";
                    break;
                default:
                    _out.Append(c);
                    break;
            }
        }

        private void OpenGroup()
        {
            if (_pos < pattern.Length && pattern[_pos] == '?')
            {
                if (_pos + 1 >= pattern.Length || pattern[_pos + 1] != ':')
                {
                    _error = "only (?: …) groups are supported";
                    return;
                }

                _pos += 2;
                _open.Push(0);
                _out.Append("(?:");
                return;
            }

            _open.Push(++_groups);
            _out.Append('(');
        }

        private void CloseGroup()
        {
            if (_open.Count == 0)
            {
                _error = "unbalanced ')'";
                return;
            }

            _closed.Add(_open.Pop());
            _out.Append(')');
        }

        private void Quantifier()
        {
            var start = _pos;
            while (_pos < pattern.Length && (char.IsAsciiDigit(pattern[_pos]) || pattern[_pos] == ','))
            {
                _pos++;
            }

            var body = pattern[start.._pos];
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var valid = _pos < pattern.Length && pattern[_pos] == '}' && body.Length > 0 && comma != 0
                && (comma < 0 || body.IndexOf(',', comma + 1) < 0);
            if (!valid)
            {
                _error = "malformed quantifier";
                return;
            }

            _pos++;
            _out.Append('{').Append(body).Append('}');
        }

        private void CharClass()
        {
            if (_pos < pattern.Length && pattern[_pos] == '^')
            {
                _out.Append('^');
                _pos++;
            }

            var empty = true;
            while (_error is null)
            {
                if (_pos >= pattern.Length)
                {
                    _error = "unclosed character class";
                    return;
                }

                var c = pattern[_pos++];
                if (c == ']' && !empty)
                {
                    _out.Append(']');
                    return;
                }

                if (c == '-' && _pos < pattern.Length && pattern[_pos] == '[' && !empty)
                {
                    // Subtraction [a-z-[aeiou]]: .NET has the same syntax, and it must end the class.
                    _out.Append("-[");
                    _pos++;
                    CharClass();
                    Expect(']');
                    return;
                }

                switch (c)
                {
                    case '\\':
                        Escape(inClass: true);
                        break;
                    case '[' or ']':
                        _error = $"unescaped '{c}' in a character class";
                        break;
                    default:
                        _out.Append(c);
                        break;
                }

                empty = false;
            }
        }

        private void Expect(char c)
        {
            if (_error is null && (_pos >= pattern.Length || pattern[_pos] != c))
            {
                _error = $"expected '{c}'";
                return;
            }

            _pos++;
            _out.Append(c);
        }

        private void Escape(bool inClass)
        {
            if (_pos >= pattern.Length)
            {
                _error = "trailing '\\'";
                return;
            }

            var c = pattern[_pos++];
            if (SingleCharEscapes.Contains(c, StringComparison.Ordinal))
            {
                _out.Append('\\').Append(c);
                return;
            }

            switch (c)
            {
                case 'd' or 'D':
                    _out.Append('\\').Append(c);
                    break;
                case 'p' or 'P':
                    Property(c);
                    break;
                case 's':
                    _out.Append(Set(@" \t\n\r", inClass, negated: false));
                    break;
                case 'S':
                    _out.Append(inClass ? @"\x00-\x08\x0B\x0C\x0E-\x1F\x21-\uFFFF" : @"[^ \t\n\r]");
                    break;
                case 'w':
                    _out.Append(Set(@"\p{L}\p{M}\p{N}\p{S}", inClass, negated: false));
                    break;
                case 'W':
                    _out.Append(Set(@"\p{P}\p{Z}\p{C}", inClass, negated: false));
                    break;
                case 'i' or 'c':
                    _out.Append(Set(c == 'i' ? NameStart : NameChar, inClass, negated: false));
                    break;
                case ('I' or 'C') when !inClass:
                    _out.Append(Set(c == 'I' ? NameStart : NameChar, inClass, negated: true));
                    break;
                case >= '1' and <= '9' when !inClass:
                    BackReference(c - '0');
                    break;
                default:
                    _error = inClass && char.IsAsciiDigit(c)
                        ? "back-references are not allowed in a character class"
                        : $"unsupported escape '\\{c}'" + (inClass ? " in a character class" : "");
                    break;
            }
        }

        private static string Set(string members, bool inClass, bool negated) =>
            inClass ? members : (negated ? "[^" : "[") + members + "]";

        private void Property(char kind)
        {
            var close = _pos < pattern.Length && pattern[_pos] == '{' ? pattern.IndexOf('}', _pos) : -1;
            if (close <= _pos + 1)
            {
                _error = $"malformed \\{kind}{{…}}";
                return;
            }

            _out.Append('\\').Append(kind).Append(pattern, _pos, close - _pos + 1);
            _pos = close + 1;
        }

        /// <summary>\N takes as many digits as still name an existing group; the group must already be closed.</summary>
        private void BackReference(int group)
        {
            while (_pos < pattern.Length && char.IsAsciiDigit(pattern[_pos]) && (group * 10) + (pattern[_pos] - '0') <= _groups)
            {
                group = (group * 10) + (pattern[_pos++] - '0');
            }

            if (!_closed.Contains(group))
            {
                _error = $"back-reference \\{group} to a group that is not defined before it";
                return;
            }

            _out.Append(@"(?:\").Append(group).Append(')');
        }
    }
}
