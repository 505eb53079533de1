// Mantine's anchors, buttons and nav links that navigate through the typed router.
import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { ComponentPropsWithRef } from 'react'

function AnchorBase(props: AnchorProps & Omit<ComponentPropsWithRef<'a'>, keyof AnchorProps>) {
  return <Anchor {...props} />
}

function ButtonBase(props: ButtonProps & Omit<ComponentPropsWithRef<'a'>, keyof ButtonProps>) {
  return <Button component="a" {...props} />
}

function NavLinkBase(props: NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>) {
  return <NavLink {...props} />
}

export const AnchorLink = createLink(AnchorBase)
export const ButtonLink = createLink(ButtonBase)
export const NavLinkLink = createLink(NavLinkBase)
