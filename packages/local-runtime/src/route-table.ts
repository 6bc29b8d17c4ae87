import type { RouteDefinition } from '@platform/topology';

export interface MatchedRoute<T> {
  readonly target: T;
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
}

interface CompiledRoute<T> {
  readonly target: T;
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly parameterNames: string[];
  readonly rank: number[];
}

/**
 * Route selection as API Gateway HTTP APIs do it: the most specific path wins (static segments before `{param}`
 * before a greedy `{proxy+}`), a method-specific route before `ANY`.
 */
const compile = <T>(route: RouteDefinition, target: T): CompiledRoute<T> => {
  const parameterNames: string[] = [];
  const segments = route.path.split('/').filter(Boolean);
  let staticCount = 0;
  let greedy = 0;
  const source = segments
    .map((segment) => {
      const greedyMatch = /^\{(\w+)\+\}$/.exec(segment);
      if (greedyMatch) {
        parameterNames.push(greedyMatch[1] as string);
        greedy = 1;
        return '/(.+)';
      }
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter) {
        parameterNames.push(parameter[1] as string);
        return '/([^/]+)';
      }
      staticCount += 1;
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return {
    target,
    route,
    pattern: new RegExp(`^${source || '/'}$`),
    parameterNames,
    rank: [-greedy, staticCount, segments.length, route.method === 'ANY' ? 0 : 1],
  };
};

const compareRank = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i += 1) {
    const difference = (b[i] ?? 0) - (a[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

export class RouteTable<T> {
  private readonly routes: CompiledRoute<T>[] = [];

  add(route: RouteDefinition, target: T): void {
    this.routes.push(compile(route, target));
    this.routes.sort((a, b) => compareRank(a.rank, b.rank));
  }

  match(method: string, path: string): MatchedRoute<T> | undefined {
    for (const compiled of this.routes) {
      if (compiled.route.method !== 'ANY' && compiled.route.method !== method) continue;
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      const routeKey = `${compiled.route.method} ${compiled.route.path}`;
      if (compiled.parameterNames.length === 0) return { target: compiled.target, routeKey };
      const pathParameters = Object.fromEntries(
        compiled.parameterNames.map((name, i) => [name, decodeURIComponent(found[i + 1] as string)]),
      );
      return { target: compiled.target, routeKey, pathParameters };
    }
    return undefined;
  }
}
