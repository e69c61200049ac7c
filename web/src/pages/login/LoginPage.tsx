import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { homeFor, useLogin, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { User } from '../../api/types';
import { BrandMark, PhoneIcon } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import './login.css';

type Field = 'phone' | 'password' | 'totp';
type FieldErrors = Partial<Record<Field, string>>;

const PHONE = /^1\d{10}$/;
const TOTP = /^\d{6}$/;

function targetAfterLogin(user: User, from: unknown): string {
  const home = homeFor(user);
  if (typeof from !== 'string') return home;
  const fromConsole = from.startsWith('/console');
  // only go back where this kind of user may be
  return (user.role === 'member') !== fromConsole ? from : home;
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const id = useId();

  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [showTotp, setShowTotp] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const refs = {
    phone: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    totp: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')} UnionCare`;
  }, [t]);

  // client-side messages follow the language; server messages stay as they came until the next submit
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on language change only
  useEffect(() => {
    setFieldErrors({});
    setFormError(null);
  }, [i18n.language]);

  const from = (location.state as { from?: unknown } | null)?.from;
  if (me.data) return <Navigate to={targetAfterLogin(me.data, from)} replace />;

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    const p = phone.trim();
    if (!p) errors.phone = t('login.phoneRequired');
    else if (!PHONE.test(p)) errors.phone = t('login.phoneInvalid');
    if (!password) errors.password = t('login.passwordRequired');
    if (showTotp && !TOTP.test(totp.trim())) errors.totp = t('login.totpRequired');
    return errors;
  }

  function focusFirst(errors: FieldErrors) {
    const first = (['phone', 'password', 'totp'] as const).find((f) => errors[f]);
    if (first) refs[first].current?.focus();
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirst(errors);
      return;
    }
    try {
      const { user } = await login.mutateAsync({
        phone: phone.trim(),
        password,
        ...(showTotp ? { totp: totp.trim() } : {}),
      });
      navigate(targetAfterLogin(user, from), { replace: true });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFormError(t('common.network'));
        return;
      }
      const next: FieldErrors = {};
      for (const e of err.problem.errors ?? []) {
        const field = e.field.replace(/^.*\//, '') as Field;
        if (field === 'phone' || field === 'password' || field === 'totp') next[field] = e.message;
      }
      const needsTotp = err.problem.totpRequired === true || next.totp !== undefined;
      if (needsTotp) {
        setShowTotp(true);
        next.totp ??= err.problem.detail ?? t('login.totpRequired');
        setFieldErrors(next);
        setTimeout(() => refs.totp.current?.focus(), 0);
        return;
      }
      setFieldErrors(next);
      if (Object.keys(next).length === 0 || err.status === 429) {
        setFormError(err.problem.detail || err.problem.title || t('login.failed'));
      }
      focusFirst(next);
    }
  }

  const describedBy = (field: Field, hint?: string) =>
    [fieldErrors[field] ? `${id}-${field}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <div className="uc-login">
      <header className="uc-login-top">
        <div className="uc-login-brand">
          <BrandMark inverse className="uc-login-mark" />
          <span className="uc-login-brand-text">
            <span>{t('app.name')}</span>
            <span className="uc-login-brand-en">UnionCare</span>
          </span>
        </div>
        <LanguageSwitch tone="dark" />
      </header>

      <main className="uc-login-main" id="main">
        <form className="uc-login-card" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <h1 id={`${id}-title`} className="uc-login-title">
            {t('login.title')}
          </h1>
          <p className="uc-login-intro">{t('login.intro')}</p>

          {formError && (
            <div className="uc-alert" role="alert">
              {formError}
            </div>
          )}

          <div className="uc-field">
            <label htmlFor={`${id}-phone`}>{t('login.phone')}</label>
            <input
              ref={refs.phone}
              id={`${id}-phone`}
              name="phone"
              type="tel"
              inputMode="numeric"
              autoComplete="username"
              maxLength={11}
              value={phone}
              onChange={(e) => setPhone(e.target.value.replace(/[^\d]/g, ''))}
              aria-invalid={fieldErrors.phone ? true : undefined}
              aria-describedby={describedBy('phone')}
            />
            {fieldErrors.phone && (
              <p className="uc-field-error" id={`${id}-phone-error`}>
                {fieldErrors.phone}
              </p>
            )}
          </div>

          <div className="uc-field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              ref={refs.password}
              id={`${id}-password`}
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy('password')}
            />
            {fieldErrors.password && (
              <p className="uc-field-error" id={`${id}-password-error`}>
                {fieldErrors.password}
              </p>
            )}
            <label className="uc-check">
              <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
              {t('login.showPassword')}
            </label>
          </div>

          {showTotp && (
            <div className="uc-field">
              <label htmlFor={`${id}-totp`}>{t('login.totp')}</label>
              <input
                ref={refs.totp}
                id={`${id}-totp`}
                name="totp"
                className="uc-input-code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/[^\d]/g, ''))}
                aria-invalid={fieldErrors.totp ? true : undefined}
                aria-describedby={describedBy('totp', `${id}-totp-hint`)}
              />
              <p className="uc-field-hint" id={`${id}-totp-hint`}>
                {t('login.totpHint')}
              </p>
              {fieldErrors.totp && (
                <p className="uc-field-error" id={`${id}-totp-error`}>
                  {fieldErrors.totp}
                </p>
              )}
            </div>
          )}

          <button type="submit" className="uc-button uc-button-primary uc-button-block" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>

        <Link to="/map" className="uc-map-link">
          <span className="uc-map-link-title">{t('stations.mapLink')}</span>
          <span className="uc-map-link-hint">{t('stations.mapLinkHint')}</span>
        </Link>

        <p className="uc-login-hotline">
          <PhoneIcon aria-hidden="true" /> {t('login.hotline')}
        </p>
      </main>
    </div>
  );
}
