import { DAY, WINDOW_DAYS } from './clock.js';
import { NONE } from './event-buffer.js';
import { type Rng, Weighted } from './prng.js';
import type { SimulationState, SubscriptionRow } from './simulation.js';
import { type SampleUser, signupDay } from './users.js';
import {
  APP_PATHS,
  CHANNELS,
  COMPANY_SIZES,
  COUNTRIES,
  DEVICE_MOBILE,
  EV,
  EXPERIMENT,
  LANDING_PATHS,
  PATH,
  PLAN_FREE,
  PLAN_PRICE_CENTS,
  PLAN_PRO,
  PLAN_TEAM,
} from './vocabulary.js';

const LANDING = new Weighted(LANDING_PATHS);
const APP = new Weighted(APP_PATHS);
const PRICING = -1;
const ACTIONS = new Weighted<number>([
  [EV.page_view, 46],
  [EV.report_viewed, 20],
  [EV.query_run, 16],
  [EV.export_downloaded, 4],
  [EV.dashboard_shared, 3],
  [EV.project_created, 2.5],
  [EV.invite_sent, 1.2],
  [PRICING, 1.3],
]);

interface Extra {
  path?: number;
  pathParam?: number;
  revenueCents?: number;
  anonymous?: boolean;
}

/**
 * One user's life in the product: anonymous visits, signup and onboarding, activation (a project, then an
 * invite), days of use that thin out the way retention curves do, pricing visits that may enter the checkout
 * experiment, upgrades, downgrades and churn. Writes events in generation order into the shared state.
 */
export class UserLife {
  private plan = PLAN_FREE;
  private subscription: SubscriptionRow | null = null;
  private downgradeAt: number | null = null;
  private assigned = false;
  private session = NONE;
  private readonly projects: number[] = [];
  private readonly offset: number;

  constructor(
    private readonly state: SimulationState,
    private readonly rng: Rng,
    private readonly user: SampleUser,
  ) {
    this.offset = COUNTRIES[user.country]?.[2] ?? 0;
  }

  /** Simulates the whole life and records the final plan. */
  run(): void {
    this.anonymousVisits();
    const activated = this.signupSession();
    this.laterDays(activated);
    this.state.finalPlans[this.user.idx] = this.plan;
  }

  private emit(event: number, t: number, extra: Extra = {}): void {
    if (t < 0 || t >= this.state.clock.end) return;
    this.state.events.push({
      user: extra.anonymous ? NONE : this.user.idx,
      anon: this.user.idx,
      session: this.session,
      event,
      t,
      path: extra.path ?? NONE,
      pathParam: extra.pathParam ?? NONE,
      plan: extra.anonymous ? NONE : this.plan,
      country: this.user.country,
      device: this.user.device,
      revenueCents: extra.revenueCents ?? NONE,
    });
  }

  private newSession(): void {
    this.session = this.state.counters.session++;
  }

  private anonymousVisits(): void {
    if (!this.rng.chance(0.45)) return;
    this.newSession();
    let t = this.user.signupT - 600 - Math.round(this.rng.exp(2 * DAY));
    const views = 1 + this.rng.geometric(0.8);
    for (let i = 0; i < views && t < this.user.signupT - 300; i++) {
      this.emit(EV.page_view, t, { path: LANDING.sample(this.rng), anonymous: true });
      t += this.rng.between(5, 240);
    }
  }

  /** Signup, onboarding and (maybe) activation; true when the user created a project. */
  private signupSession(): boolean {
    const rng = this.rng;
    const start = this.user.signupT;
    this.newSession();
    this.emit(EV.page_view, start - rng.between(15, 120), { path: PATH['/signup'], anonymous: true });
    this.emit(EV.signup, start);
    let t = start;
    let onboarded = false;
    if (rng.chance(0.92)) {
      this.emit(EV.onboarding_started, t);
      if (rng.chance(0.8)) {
        t += rng.between(20, 240);
        this.emit(EV.onboarding_profile_completed, t);
        if (rng.chance(0.85)) {
          t += rng.between(30, 600);
          this.emit(EV.onboarding_completed, t);
          onboarded = true;
        }
      }
    }
    const lift = CHANNELS[this.user.channel]?.[2] ?? 0;
    const pProject = 0.38 + (onboarded ? 0.2 : 0) + lift - (this.user.device === DEVICE_MOBILE ? 0.1 : 0);
    const activated = rng.chance(pProject);
    if (activated) t = this.activate(t, onboarded);
    if (rng.chance(0.3)) {
      t += rng.between(30, 900);
      this.emit(EV.page_view, t, { path: PATH['/pricing'] });
      this.pricing(t);
    }
    return activated;
  }

  private activate(t: number, onboarded: boolean): number {
    const rng = this.rng;
    const day = signupDay(this.user);
    const r = rng.next();
    let tp: number;
    if (r < 0.62) {
      tp = t + rng.between(60, 3000);
    } else {
      const later = r < 0.94 ? 1 + Math.min(12, Math.floor(rng.exp(2.5))) : 15 + rng.int(20);
      tp = Math.max(t + 60, this.state.clock.momentOn(rng, day + later, this.offset));
      this.newSession();
      this.emit(EV.login, tp - rng.between(20, 300));
    }
    this.emit(EV.page_view, tp - rng.between(5, 60), { path: PATH['/app/projects'] });
    this.createProject(tp);
    const inviteRate = (COMPANY_SIZES[this.user.companySize]?.[2] ?? 0) * (onboarded ? 1.1 : 0.8);
    if (rng.chance(inviteRate)) {
      const soon = rng.chance(0.55);
      const ti = tp + (soon ? rng.between(30, 1800) : DAY + Math.round(rng.exp(4 * DAY)));
      if (!soon) this.newSession();
      this.emit(EV.invite_sent, ti);
      return soon ? ti : tp;
    }
    return tp;
  }

  private createProject(t: number): void {
    const id = ++this.state.counters.project;
    this.projects.push(id);
    this.emit(EV.project_created, t);
    this.emit(EV.page_view, t + this.rng.between(1, 5), { path: PATH['/app/projects/{id}'], pathParam: id });
  }

  private laterDays(activated: boolean): void {
    const rng = this.rng;
    const first = signupDay(this.user);
    let q = 0.08 + 0.42 * rng.next() ** 1.3;
    if (activated) q = Math.min(0.8, q * 1.35);
    const oneAndDone = rng.chance(activated ? 0.3 : 0.72);
    const lifetime = oneAndDone ? rng.int(4) : rng.chance(0.45) ? Number.POSITIVE_INFINITY : rng.exp(50);
    const last = Math.min(WINDOW_DAYS - 1, first + lifetime);
    for (let day = first + 1; day <= last; day++) {
      this.maybeDowngrade((day + 1) * DAY);
      const novelty = 0.7 + 0.3 * Math.exp(-(day - first) / 10);
      if (!rng.chance(q * this.state.clock.weekdayFactor(day) * novelty)) continue;
      const sessions = 1 + rng.geometric(0.35);
      for (let s = 0; s < sessions; s++) this.appSession(this.state.clock.momentOn(rng, day, this.offset));
    }
    if (first + lifetime < WINDOW_DAYS - 1) this.leave(first + lifetime);
  }

  private appSession(start: number): void {
    const rng = this.rng;
    this.newSession();
    let t = start;
    if (rng.chance(0.55)) this.emit(EV.login, t);
    this.appPage(t);
    const actions = 1 + rng.geometric(3.2);
    for (let i = 0; i < actions; i++) {
      t += rng.chance(0.12) ? 0 : rng.between(4, 240);
      const action = ACTIONS.sample(rng);
      if (action === EV.page_view) this.appPage(t);
      else if (action === EV.project_created) this.createProject(t);
      else if (action === PRICING) {
        if (this.plan !== PLAN_FREE) continue;
        this.emit(EV.page_view, t, { path: PATH['/pricing'] });
        this.pricing(t);
      } else if (action === EV.invite_sent && this.user.companySize === 0) continue;
      else this.emit(action, t);
    }
  }

  private appPage(t: number): void {
    const path = APP.sample(this.rng);
    if (path === PATH['/app/projects/{id}'] && this.projects.length > 0) {
      this.emit(EV.page_view, t, { path, pathParam: this.rng.pick(this.projects) });
    } else if (path === PATH['/app/projects/{id}']) {
      this.emit(EV.page_view, t, { path: PATH['/app/projects'] });
    } else if (path === PATH['/app/reports/{id}'] || path === PATH['/app/dashboards/{id}']) {
      this.emit(EV.page_view, t, { path, pathParam: this.rng.between(1, 5000) });
    } else {
      this.emit(EV.page_view, t, { path });
    }
  }

  /** A pricing page view by a free user: maybe enter the experiment, maybe check out. */
  private pricing(t: number): void {
    if (this.plan !== PLAN_FREE) return;
    const clock = this.state.clock;
    if (t < EXPERIMENT.startDay * DAY) {
      if (this.rng.chance(0.09)) this.checkout(t);
      else if (this.rng.chance(0.3)) this.emit(EV.checkout_started, t + this.rng.between(10, 90));
      return;
    }
    if (this.assigned || t < 0 || t >= clock.end - 3600) return;
    this.assigned = true;
    const { variant, converts } = this.state.allocator.next();
    this.state.assignments.push({ user: this.user.idx, variant, t });
    if (converts) this.checkout(t);
    else if (this.rng.chance(0.35)) this.emit(EV.checkout_started, t + this.rng.between(10, 90));
  }

  private checkout(t: number): void {
    const rng = this.rng;
    const started = t + rng.between(15, 120);
    const done = started + rng.between(40, 400);
    const plan = rng.chance(0.7) ? PLAN_PRO : PLAN_TEAM;
    const annual = rng.chance(0.2);
    const price = PLAN_PRICE_CENTS[plan];
    this.emit(EV.checkout_started, started);
    this.emit(EV.checkout_completed, done, { revenueCents: annual ? price * 10 : price });
    this.plan = plan;
    this.emit(EV.upgrade, done);
    this.startSubscription(plan, done, annual);
    if (rng.chance(0.12)) this.downgradeAt = done + DAY + Math.round(rng.exp(30 * DAY));
  }

  private startSubscription(plan: number, t: number, annual: boolean): void {
    const price = PLAN_PRICE_CENTS[plan as 0 | 1 | 2];
    this.subscription = {
      user: this.user.idx,
      plan,
      annual,
      startT: t,
      endT: null,
      mrrCents: annual ? Math.round((price * 10) / 12) : price,
    };
    this.state.subscriptions.push(this.subscription);
  }

  private endSubscription(t: number): void {
    if (this.subscription) this.subscription.endT = t;
    this.subscription = null;
  }

  private maybeDowngrade(before: number): void {
    if (this.downgradeAt === null || this.downgradeAt >= before) return;
    const t = this.downgradeAt;
    this.downgradeAt = null;
    this.newSession();
    this.emit(EV.page_view, t, { path: PATH['/app/settings/billing'] });
    const annual = this.subscription?.annual ?? false;
    const to = this.plan === PLAN_TEAM ? PLAN_PRO : PLAN_FREE;
    this.endSubscription(t + 1);
    this.plan = to;
    this.emit(EV.downgrade, t + 1);
    if (to !== PLAN_FREE) this.startSubscription(to, t + 1, annual);
  }

  /** The user stops coming back after `lastDay`; paying users usually cancel, a few free ones delete the account. */
  private leave(lastDay: number): void {
    const rng = this.rng;
    if (!rng.chance(this.plan === PLAN_FREE ? 0.1 : 0.75)) return;
    const t = this.state.clock.momentOn(rng, Math.floor(lastDay) + 1 + rng.int(7), this.offset);
    if (t >= this.state.clock.end) return;
    this.newSession();
    this.emit(EV.page_view, t, { path: PATH['/app/settings/billing'] });
    this.endSubscription(t + 2);
    this.plan = PLAN_FREE;
    this.emit(EV.churn, t + 2);
  }
}
